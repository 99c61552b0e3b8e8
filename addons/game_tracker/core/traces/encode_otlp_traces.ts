/**
 * OTLP/HTTP JSON for traces (`POST /v1/traces`, `Content-Type: application/json`), per
 * opentelemetry-proto's JSON mapping: ids are lower-case hex (not base64), 64-bit integers are decimal
 * strings, enums are integers, field names are lowerCamelCase.
 */
import { unixMsToNanoString } from '../time';
import type { AttributeValue, Attributes } from '../types';
import { SDK_NAME, SDK_VERSION } from '../version';
import type { SpanRecord } from './span_record';

export const OTLP_CONTENT_TYPE = 'application/json';

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } };

function toAnyValue(value: AttributeValue): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { arrayValue: { values: value.map(toAnyValue) } };
}

export function toKeyValues(attributes: Readonly<Attributes>): { key: string; value: AnyValue }[] {
  const out: { key: string; value: AnyValue }[] = [];
  for (const key in attributes) out.push({ key, value: toAnyValue(attributes[key] as AttributeValue) });
  return out;
}

function toOtlpSpan(span: SpanRecord, correctionMs: number): Record<string, unknown> {
  const otlp: Record<string, unknown> = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: unixMsToNanoString(span.startUnixMs + correctionMs),
    endTimeUnixNano: unixMsToNanoString(span.endUnixMs + correctionMs),
    attributes: toKeyValues(span.attributes),
    events: span.events.map((event) => ({
      timeUnixNano: unixMsToNanoString(event.timeUnixMs + correctionMs),
      name: event.name,
      attributes: toKeyValues(event.attributes),
    })),
    status: span.statusMessage === undefined ? { code: span.statusCode } : { code: span.statusCode, message: span.statusMessage },
  };
  if (span.parentSpanId !== undefined) otlp['parentSpanId'] = span.parentSpanId;
  if (span.droppedAttributesCount > 0) otlp['droppedAttributesCount'] = span.droppedAttributesCount;
  if (span.droppedEventsCount > 0) otlp['droppedEventsCount'] = span.droppedEventsCount;
  return otlp;
}

/** One resource (this game client), one scope (this SDK), all spans of the batch. */
export function encodeOtlpTraces(spans: readonly SpanRecord[], resource: Readonly<Attributes>, correctionMs: number): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: toKeyValues(resource) },
        scopeSpans: [{ scope: { name: SDK_NAME, version: SDK_VERSION }, spans: spans.map((s) => toOtlpSpan(s, correctionMs)) }],
      },
    ],
  });
}
