/**
 * Independent decoders for OTLP protobuf export requests (logs, metrics, traces), built from the
 * upstream opentelemetry-proto definitions: the static protobufjs code that
 * @opentelemetry/otlp-transformer 0.203.0 generated from them (npm alias `otlp-generated-protos`).
 * Those definitions are newer than `otlp-upstream-protos` (v0.18): they know LogRecord.event_name = 12,
 * Span.flags = 16, InstrumentationScope.attributes = 3 and the rest added since. GameTracker's
 * encoders share no code with them.
 *
 * Decoded messages are returned as plain objects: 64-bit integers as decimal strings, enums as
 * numbers, bytes as lower-case hex, AnyValue's set member named by `value`.
 */
import { createRequire } from 'node:module';

interface GeneratedType {
  decode(bytes: Uint8Array): object;
  toObject(message: object, options: Record<string, unknown>): Record<string, unknown>;
}

interface GeneratedRoot {
  opentelemetry: {
    proto: {
      collector: {
        logs: { v1: { ExportLogsServiceRequest: GeneratedType } };
        metrics: { v1: { ExportMetricsServiceRequest: GeneratedType } };
        trace: { v1: { ExportTraceServiceRequest: GeneratedType } };
      };
    };
  };
}

const root = createRequire(import.meta.url)('otlp-generated-protos/build/src/generated/root.js') as GeneratedRoot;
const collector = root.opentelemetry.proto.collector;
const PLAIN = { longs: String, enums: Number, bytes: String, defaults: false, arrays: true, oneofs: true };

export type OtlpPlain = Record<string, unknown>;

function decode(type: GeneratedType, body: Uint8Array): OtlpPlain {
  return base64ToHex(type.toObject(type.decode(body), PLAIN)) as OtlpPlain;
}

/** Bytes come out of toObject as base64; ids read better (and compare with ours) as hex. */
function base64ToHex(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && key.endsWith('Id')) {
    return Buffer.from(value, 'base64').toString('hex');
  }
  if (Array.isArray(value)) return value.map((item) => base64ToHex(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, base64ToHex(v, k)]));
  }
  return value;
}

export function decodeOtlpLogsProtobuf(body: Uint8Array): OtlpPlain {
  return decode(collector.logs.v1.ExportLogsServiceRequest, body);
}

export function decodeOtlpMetricsProtobuf(body: Uint8Array): OtlpPlain {
  return decode(collector.metrics.v1.ExportMetricsServiceRequest, body);
}

export function decodeOtlpTracesGenerated(body: Uint8Array): OtlpPlain {
  return decode(collector.trace.v1.ExportTraceServiceRequest, body);
}

/** The items of a decoded request across its resources and scopes, e.g. `['resourceLogs', 'scopeLogs', 'logRecords']`. */
export function otlpItems(decoded: OtlpPlain, levels: readonly [string, string, string]): OtlpPlain[] {
  return (decoded[levels[0]] as OtlpPlain[]).flatMap((r) => (r[levels[1]] as OtlpPlain[]).flatMap((s) => s[levels[2]] as OtlpPlain[]));
}
