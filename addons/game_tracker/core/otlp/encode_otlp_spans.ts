/**
 * Spans as OTLP protobuf (trace/v1/trace.proto), the same content the native path sends as OTLP JSON:
 *
 *   Span   { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
 *            fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
 *            uint32 dropped_attributes_count = 10; repeated Event events = 11; uint32 dropped_events_count = 12;
 *            Status status = 15; }
 *   Event  { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
 *   Status { string message = 2; StatusCode code = 3; }
 */
import type { SpanRecord } from '../traces/span_record';
import type { Attributes } from '../types';
import { writeKeyValues } from './any_value';
import type { BodyBuilder } from '../export/body_builder';
import { ITEM_TAG, finishExportRequest, startExportRequest } from './envelope';
import { LENGTH_DELIMITED, VARINT, tag, writeHexBytes, writeStringField, writeUnixNanos } from './proto_fields';
import type { Writer } from '../wire_deps';

const TAG_KIND = tag(6, VARINT);
const TAG_DROPPED_ATTRIBUTES = tag(10, VARINT);
const TAG_EVENT = tag(11, LENGTH_DELIMITED);
const TAG_DROPPED_EVENTS = tag(12, VARINT);
const TAG_STATUS = tag(15, LENGTH_DELIMITED);
const TAG_STATUS_CODE = tag(3, VARINT);

function writeSpan(writer: Writer, span: SpanRecord, correctionMs: number): void {
  writer.uint32(ITEM_TAG).fork();
  writeHexBytes(writer, 1, span.traceId);
  writeHexBytes(writer, 2, span.spanId);
  if (span.parentSpanId !== undefined) writeHexBytes(writer, 4, span.parentSpanId);
  writeStringField(writer, 5, span.name);
  writer.uint32(TAG_KIND).uint32(span.kind);
  writeUnixNanos(writer, 7, span.startUnixMs + correctionMs);
  writeUnixNanos(writer, 8, span.endUnixMs + correctionMs);
  writeKeyValues(writer, 9, span.attributes);
  if (span.droppedAttributesCount > 0) writer.uint32(TAG_DROPPED_ATTRIBUTES).uint32(span.droppedAttributesCount);
  for (const event of span.events) {
    writer.uint32(TAG_EVENT).fork();
    writeUnixNanos(writer, 1, event.timeUnixMs + correctionMs);
    writeStringField(writer, 2, event.name);
    writeKeyValues(writer, 3, event.attributes);
    writer.ldelim();
  }
  if (span.droppedEventsCount > 0) writer.uint32(TAG_DROPPED_EVENTS).uint32(span.droppedEventsCount);
  writer.uint32(TAG_STATUS).fork();
  if (span.statusMessage !== undefined) writeStringField(writer, 2, span.statusMessage);
  writer.uint32(TAG_STATUS_CODE).uint32(span.statusCode).ldelim();
  writer.ldelim();
}

/**
 * One resource (this game client), one scope (this SDK), all spans of the batch. protobufjs's writer
 * records each field as it is written and lays the bytes out in `finish`: that last step is not spread
 * over ticks.
 */
export class OtlpSpansBuilder implements BodyBuilder<SpanRecord, Uint8Array> {
  private readonly writer: Writer;

  constructor(
    resource: Readonly<Attributes>,
    private readonly correctionMs: number,
  ) {
    this.writer = startExportRequest(resource);
  }

  add(span: SpanRecord): void {
    writeSpan(this.writer, span, this.correctionMs);
  }

  finish(): Uint8Array {
    return finishExportRequest(this.writer);
  }
}
