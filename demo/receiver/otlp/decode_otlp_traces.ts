/** OTLP trace export requests, decoded by the reflected ExportTraceServiceRequest type, to span records. */
import type { SpanRecord } from '../model/records';
import { RejectError } from '../reply';
import { toAttributes } from './any_value';
import type { PlainKeyValue } from './any_value';

interface PlainSpan {
  readonly traceId: Uint8Array;
  readonly spanId: Uint8Array;
  readonly parentSpanId: Uint8Array;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly PlainKeyValue[];
  readonly events: readonly { readonly timeUnixNano: string; readonly name: string }[];
  readonly status: { readonly code: number; readonly message: string } | null;
}

export interface PlainTraceRequest {
  readonly resourceSpans: readonly {
    readonly resource: { readonly attributes: readonly PlainKeyValue[] } | null;
    readonly scopeSpans: readonly { readonly spans: readonly PlainSpan[] }[];
  }[];
}

/** Span records of a decoded request (JSON or protobuf, see otlp_export_route.ts). */
export function toSpanRecords(request: PlainTraceRequest): SpanRecord[] {
  return request.resourceSpans.flatMap((resourceSpans) => {
    const resource = toAttributes(resourceSpans.resource?.attributes ?? []);
    const serviceName = typeof resource['service.name'] === 'string' ? resource['service.name'] : '';
    return resourceSpans.scopeSpans.flatMap((scopeSpans) => scopeSpans.spans.map((span) => toSpanRecord(span, serviceName)));
  });
}

function toSpanRecord(span: PlainSpan, serviceName: string): SpanRecord {
  const record: SpanRecord = {
    traceId: toHex(span.traceId),
    spanId: toHex(span.spanId),
    parentSpanId: toHex(span.parentSpanId),
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: BigInt(span.startTimeUnixNano),
    endTimeUnixNano: BigInt(span.endTimeUnixNano),
    statusCode: span.status?.code ?? 0,
    statusMessage: span.status?.message ?? '',
    serviceName,
    attributes: toAttributes(span.attributes),
    events: span.events.map((event) => ({ name: event.name, timeUnixNano: BigInt(event.timeUnixNano) })),
  };
  checkIds(record);
  return record;
}

/** The trace API's validity rules (W3C trace context): 16- and 8-byte ids, not all zero. */
function checkIds(span: SpanRecord): void {
  const where = `span "${span.name}"`;
  if (!/^[0-9a-f]{32}$/.test(span.traceId) || /^0+$/.test(span.traceId)) throw new RejectError(400, `${where}: invalid trace id "${span.traceId}"`);
  if (!/^[0-9a-f]{16}$/.test(span.spanId) || /^0+$/.test(span.spanId)) throw new RejectError(400, `${where}: invalid span id "${span.spanId}"`);
  if (span.parentSpanId !== '' && !/^[0-9a-f]{16}$/.test(span.parentSpanId)) {
    throw new RejectError(400, `${where}: invalid parent span id "${span.parentSpanId}"`);
  }
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
