/**
 * The message types the receiver decodes, reflected at run time by protobufjs from .proto files:
 * - Prometheus remote write 1.0 `prometheus.WriteRequest` (prom.proto shipped by prometheus-remote-write),
 * - OTLP `Export{Trace,Logs,Metrics}ServiceRequest` (upstream opentelemetry-proto files shipped by otlp-upstream-protos),
 * - Loki `logproto.PushRequest` and `google.rpc.Status` (our minimal copies in ./protos, see their headers).
 * Tests build their payloads from these same types, never from GameTracker's encoders, so the receiver
 * checks GameTracker against the schemas rather than against itself.
 */
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Root } from 'protobufjs';
import type { IConversionOptions, Type } from 'protobufjs';
import { describeError, RejectError } from './reply';

export interface Schemas {
  readonly writeRequest: Type;
  readonly lokiPushRequest: Type;
  readonly otlpTraceRequest: Type;
  readonly otlpTraceResponse: Type;
  readonly otlpLogsRequest: Type;
  readonly otlpLogsResponse: Type;
  readonly otlpMetricsRequest: Type;
  readonly otlpMetricsResponse: Type;
  readonly rpcStatus: Type;
}

/**
 * How decoded messages become plain objects: 64-bit integers as decimal strings (nanosecond times
 * exceed 2^53), enums as numbers, bytes left as bytes, absent fields filled with their defaults, and
 * a oneof's set member named by a virtual field (OTLP AnyValue's `value`).
 */
export const PLAIN_OBJECT: IConversionOptions = { longs: String, enums: Number, defaults: true, arrays: true, oneofs: true };

const require = createRequire(import.meta.url);
const OWN_PROTO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'protos');
const OTLP_PROTO_DIR = join(dirname(require.resolve('otlp-upstream-protos/package.json')), 'build', 'protos');

let schemas: Schemas | undefined;

/** Parses the .proto files once per process. */
export function loadSchemas(): Schemas {
  schemas ??= reflectSchemas();
  return schemas;
}

function reflectSchemas(): Schemas {
  const root = new Root();
  // The OTLP files import each other by paths relative to their include directory.
  root.resolvePath = (_origin, target) => (isAbsolute(target) ? target : join(OTLP_PROTO_DIR, target));
  root.loadSync([
    require.resolve('prometheus-remote-write/prom.proto'),
    join(OTLP_PROTO_DIR, 'opentelemetry/proto/collector/trace/v1/trace_service.proto'),
    join(OTLP_PROTO_DIR, 'opentelemetry/proto/collector/logs/v1/logs_service.proto'),
    join(OTLP_PROTO_DIR, 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto'),
    join(OWN_PROTO_DIR, 'loki_push.proto'),
    join(OWN_PROTO_DIR, 'rpc_status.proto'),
  ]);
  return {
    writeRequest: root.lookupType('prometheus.WriteRequest'),
    lokiPushRequest: root.lookupType('logproto.PushRequest'),
    otlpTraceRequest: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
    otlpTraceResponse: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
    otlpLogsRequest: root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest'),
    otlpLogsResponse: root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse'),
    otlpMetricsRequest: root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'),
    otlpMetricsResponse: root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse'),
    rpcStatus: root.lookupType('google.rpc.Status'),
  };
}

/**
 * Decodes protobuf bytes into a plain object (see PLAIN_OBJECT); malformed bytes are the sender's bug
 * and answer 400. The caller states the shape it reads, which the schema guarantees.
 */
export function decodePlain<T>(type: Type, bytes: Uint8Array): T {
  try {
    return type.toObject(type.decode(bytes), PLAIN_OBJECT) as T;
  } catch (error) {
    throw new RejectError(400, `invalid ${type.name} protobuf: ${describeError(error)}`);
  }
}
