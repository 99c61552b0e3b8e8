/**
 * Independent decoders for OTLP trace export bodies (JSON and protobuf), judged by the reflected
 * upstream types. Both return the request in OTLP/JSON conventions, or throw with the path of the
 * first violation.
 */
import type protobuf from 'protobufjs';
import { checkOtlpJson } from './otlp_json_checker';
import { renderOtlpJson } from './otlp_json_render';
import { otlpTraceRequestType } from './otlp_proto_root';
import type { OtlpTracesRequest } from './otlp_trace_types';

export interface OtlpTracesJsonOptions {
  /**
   * On (default): 64-bit integers must be decimal strings, and no envelope may be empty.
   * Off: also what receivers accept (integral numbers for 64-bit fields, empty envelopes).
   */
  readonly strict?: boolean;
}

export function decodeOtlpTracesJson(bodyText: string, options: OtlpTracesJsonOptions = {}): OtlpTracesRequest {
  const strict = options.strict ?? true;
  const type = otlpTraceRequestType();
  const checked = checkOtlpJson(type, parseJson(bodyText), { int64AsString: strict });
  // The round trip through the binary encoding proves the checked object is representable in OTLP.
  const roundTripped = type.decode(type.encode(type.fromObject(checked)).finish());
  return checkSpans(renderTraces(type, roundTripped), strict);
}

/** Protobuf bodies are judged by the same rules, applied to their OTLP/JSON rendering. */
export function decodeOtlpTracesProtobuf(body: Uint8Array): OtlpTracesRequest {
  const type = otlpTraceRequestType();
  const rendered = renderTraces(type, type.decode(body));
  checkOtlpJson(type, rendered, { int64AsString: true });
  return checkSpans(rendered, true);
}

function parseJson(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch (error) {
    throw new Error(`OTLP JSON: body is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** The renderer follows the reflected ExportTraceServiceRequest, which is what this type describes. */
function renderTraces(type: protobuf.Type, message: protobuf.Message): OtlpTracesRequest {
  return renderOtlpJson(type, message) as unknown as OtlpTracesRequest;
}

function checkSpans(request: OtlpTracesRequest, strict: boolean): OtlpTracesRequest {
  // specification.md, "Empty Telemetry Envelopes": senders SHOULD NOT send envelopes without spans.
  if (strict && request.resourceSpans.length === 0) throw new Error('OTLP: resourceSpans: empty envelope');
  request.resourceSpans.forEach((resourceSpans, r) => {
    const at = `resourceSpans[${r}]`;
    if (strict && resourceSpans.scopeSpans.length === 0) throw new Error(`OTLP: ${at}.scopeSpans: empty envelope`);
    resourceSpans.scopeSpans.forEach((scopeSpans, s) => {
      if (strict && scopeSpans.spans.length === 0) throw new Error(`OTLP: ${at}.scopeSpans[${s}].spans: empty envelope`);
      scopeSpans.spans.forEach((span, i) => {
        // trace.proto: "it is expected that end_time_unix_nano >= start_time_unix_nano".
        if (BigInt(span.endTimeUnixNano) < BigInt(span.startTimeUnixNano)) {
          throw new Error(`OTLP: ${at}.scopeSpans[${s}].spans[${i}]: ends before it starts`);
        }
      });
    });
  });
  return request;
}
