/**
 * The OTLP trace types, reflected by protobufjs from the upstream .proto files that
 * `otlp-upstream-protos` (@opentelemetry/otlp-grpc-exporter-base@0.34.0) ships.
 *
 * Those files are opentelemetry-proto v0.18.0 (identical, comments aside, to that tag of
 * open-telemetry/opentelemetry-proto). Current upstream (v1.x, checked at master ac2c4b5) differs for
 * traces in exactly these ways, which are applied below so that the oracle judges by today's protocol:
 * - Span.flags = 16 and Span.Link.flags = 6, both fixed32 (#503, v1.1.0);
 * - InstrumentationScope.attributes = 3 and dropped_attributes_count = 4 (#395, v0.19.0);
 * - ResourceSpans.instrumentation_library_spans = 1000 is gone (now `reserved 1000`).
 * Left out on purpose: Resource.entity_refs and the *_strindex fields (development-stage, profiles).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import protobuf from 'protobufjs';

const PROTO_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('otlp-upstream-protos/package.json')),
  'build',
  'protos',
);

const OTLP_TRACE_REQUEST = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';

let requestType: protobuf.Type | undefined;

/** Reflected with proto field names kept (snake_case), because the JSON names are derived from them. */
export function otlpTraceRequestType(): protobuf.Type {
  requestType ??= loadRoot().lookupType(OTLP_TRACE_REQUEST);
  return requestType;
}

function loadRoot(): protobuf.Root {
  const loaded = new protobuf.Root();
  // The upstream files import each other by paths relative to the proto tree's top.
  loaded.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(PROTO_DIR, target));
  loaded.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: true });
  applyV1TraceChanges(loaded);
  return loaded;
}

function applyV1TraceChanges(loaded: protobuf.Root): void {
  const keyValue = '.opentelemetry.proto.common.v1.KeyValue';
  addField(loaded, 'opentelemetry.proto.trace.v1.Span', new protobuf.Field('flags', 16, 'fixed32'));
  addField(loaded, 'opentelemetry.proto.trace.v1.Span.Link', new protobuf.Field('flags', 6, 'fixed32'));
  const scope = 'opentelemetry.proto.common.v1.InstrumentationScope';
  addField(loaded, scope, new protobuf.Field('attributes', 3, keyValue, 'repeated'));
  addField(loaded, scope, new protobuf.Field('dropped_attributes_count', 4, 'uint32'));
  const resourceSpans = loaded.lookupType('opentelemetry.proto.trace.v1.ResourceSpans');
  const legacy = resourceSpans.fields['instrumentation_library_spans'];
  if (legacy === undefined) throw new Error('otlp-upstream-protos changed: instrumentation_library_spans is missing');
  resourceSpans.remove(legacy);
}

function addField(loaded: protobuf.Root, typeName: string, field: protobuf.Field): void {
  loaded.lookupType(typeName).add(field);
  // protobufjs 8 does not mark a type for re-resolution when a field is added, so resolveAll() skips it.
  field.resolve();
}
