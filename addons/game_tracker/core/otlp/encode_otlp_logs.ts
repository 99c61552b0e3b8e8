/**
 * Logs as OTLP log records (logs/v1/logs.proto), per the OpenTelemetry log data model:
 *
 *   LogRecord { fixed64 time_unix_nano = 1; SeverityNumber severity_number = 2; string severity_text = 3;
 *               AnyValue body = 5; repeated KeyValue attributes = 6; bytes trace_id = 9;
 *               bytes span_id = 10; fixed64 observed_time_unix_nano = 11; }
 *
 * The message is the body; the call's data become attributes (nested values kept structured); the
 * user, tags and named contexts follow as attributes. Session and device are resource attributes, so
 * they are not repeated per record. The ids go in the record's own fields, where Grafana links them.
 */
import type { LogRecord } from '../logs/log_record';
import type { Attributes, LogLevel, Value } from '../types';
import { writeAnyValueBody, writeKeyValue, writeKeyValueCached } from './any_value';
import type { BodyBuilder } from '../export/body_builder';
import { ITEM_TAG, finishExportRequest, startExportRequest } from './envelope';
import { LENGTH_DELIMITED, VARINT, tag, writeHexBytes, writeStringField, writeUnixNanos } from './proto_fields';
import { Writer } from '../wire_deps';

/** The log data model's SeverityNumber: the first number of each range, and its short name. */
const SEVERITY: Readonly<Record<LogLevel, readonly [number: number, text: string]>> = {
  debug: [5, 'DEBUG'],
  info: [9, 'INFO'],
  warn: [13, 'WARN'],
  error: [17, 'ERROR'],
};

const TAG_SEVERITY_NUMBER = tag(2, VARINT);
const TAG_BODY = tag(5, LENGTH_DELIMITED);
const ATTRIBUTES_FIELD = 6;

/** Structured-metadata keys (context.ts) that are resource attributes on this path, or renamed. */
const METADATA_RENAMES: Readonly<Record<string, string>> = { user_id: 'user.id', user_name: 'user.name' };

/** A context's attributes, encoded once per context change (the views are shared between records). */
interface ContextAttributes {
  readonly keys: ReadonlySet<string>;
  readonly bytes: Uint8Array;
  readonly values: ReadonlyMap<string, Value>;
}

export class OtlpLogsEncoder {
  private readonly byMetadata = new WeakMap<object, WeakMap<object, ContextAttributes>>();

  /** `resourceKeys`: the metadata keys the resource already carries (session and device). */
  constructor(
    private readonly resource: Readonly<Attributes>,
    private readonly resourceKeys: ReadonlySet<string>,
  ) {}

  /**
   * A request built record by record; `correctionMs` moves device time onto the receiver's clock (see
   * clock_offset.ts). As for spans, the writer's final layout in `finish` is not spread over ticks.
   */
  start(correctionMs: number): BodyBuilder<LogRecord, Uint8Array> {
    const writer = startExportRequest(this.resource);
    return {
      add: (record) => this.writeRecord(writer, record, correctionMs),
      finish: () => finishExportRequest(writer),
    };
  }

  private writeRecord(writer: Writer, record: LogRecord, correctionMs: number): void {
    const [severityNumber, severityText] = SEVERITY[record.level];
    const timeMs = record.timeUnixMs + correctionMs;
    writer.uint32(ITEM_TAG).fork();
    writeUnixNanos(writer, 1, timeMs);
    writer.uint32(TAG_SEVERITY_NUMBER).uint32(severityNumber);
    writeStringField(writer, 3, severityText);
    writer.uint32(TAG_BODY).fork();
    writeAnyValueBody(writer, record.msg);
    writer.ldelim();
    const data = record.data;
    if (data !== undefined) for (const key in data) writeKeyValueCached(writer, ATTRIBUTES_FIELD, key, data[key] as Value);
    this.writeContext(writer, record);
    if (record.traceId !== undefined) writeHexBytes(writer, 9, record.traceId);
    if (record.spanId !== undefined) writeHexBytes(writer, 10, record.spanId);
    // Recorded by this SDK when the game made the call: observed then too.
    writeUnixNanos(writer, 11, timeMs);
    writer.ldelim();
  }

  /** Attribute keys must be unique: where the call's data names a key, its value wins. */
  private writeContext(writer: Writer, record: LogRecord): void {
    const context = this.contextOf(record);
    const data = record.data;
    let clash = false;
    if (data !== undefined) for (const key in data) clash ||= context.keys.has(key);
    if (!clash) {
      writer.raw(context.bytes);
      return;
    }
    for (const [key, value] of context.values) if (!(key in (data as object))) writeKeyValue(writer, ATTRIBUTES_FIELD, key, value);
  }

  private contextOf(record: LogRecord): ContextAttributes {
    let byContexts = this.byMetadata.get(record.metadata);
    if (byContexts === undefined) this.byMetadata.set(record.metadata, (byContexts = new WeakMap()));
    let context = byContexts.get(record.contexts);
    if (context === undefined) byContexts.set(record.contexts, (context = this.buildContext(record)));
    return context;
  }

  private buildContext(record: LogRecord): ContextAttributes {
    const values = new Map<string, Value>();
    for (const key in record.metadata) {
      if (!this.resourceKeys.has(key)) values.set(METADATA_RENAMES[key] ?? key, record.metadata[key] as string);
    }
    for (const name in record.contexts) values.set(name, record.contexts[name] as Value);
    const writer = Writer.create();
    for (const [key, value] of values) writeKeyValue(writer, ATTRIBUTES_FIELD, key, value);
    return { keys: new Set(values.keys()), bytes: writer.finish(), values };
  }
}
