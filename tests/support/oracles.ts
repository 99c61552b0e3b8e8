/**
 * Independent decoders and checkers for what GameTracker puts on the wire. They share no code with
 * the addon's encoders: remote write and OTLP are judged by protobufjs types reflected from upstream
 * .proto files, Loki push JSON by its documented shape.
 */
export { checkLokiPushJson } from './oracles/loki_push';
export type { LokiEntry, LokiStream } from './oracles/loki_push';
export { decodeOtlpTracesJson, decodeOtlpTracesProtobuf } from './oracles/otlp_traces';
export type { OtlpTracesJsonOptions } from './oracles/otlp_traces';
export { otlpTraceRequestType } from './oracles/otlp_proto_root';
export { decodeOtlpLogsProtobuf, decodeOtlpMetricsProtobuf, decodeOtlpTracesGenerated, otlpItems } from './oracles/otlp_generated';
export type { OtlpPlain } from './oracles/otlp_generated';
export type {
  OtlpAnyValue,
  OtlpKeyValue,
  OtlpResource,
  OtlpResourceSpans,
  OtlpScope,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpStatus,
  OtlpTracesRequest,
} from './oracles/otlp_trace_types';
export { decodeRemoteWrite, remoteWriteRequestType } from './oracles/remote_write';
export type {
  RemoteWriteExemplar,
  RemoteWriteLabel,
  RemoteWriteMetadata,
  RemoteWriteRequest,
  RemoteWriteSample,
  RemoteWriteSeries,
} from './oracles/remote_write';
export { snappyCompress } from './oracles/snappy';
