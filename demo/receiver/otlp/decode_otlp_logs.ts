/**
 * OTLP log export requests to log lines, mapped as Loki's OTLP endpoint (`/otlp/v1/logs`) stores them
 * with the deploy kit's `otlp_config` (deploy/loki/loki.yaml): `service.name` and
 * `deployment.environment.name` become the stream labels `service_name` and
 * `deployment_environment_name`; every other resource attribute, the record's attributes (nested ones
 * flattened), `trace_id`, `span_id` and `severity_text` become structured metadata; the body is the line.
 * Loki also derives `detected_level` from the severity, which the log view groups by.
 */
import type { AttributeValue, LogEntry } from '../model/records';
import { RejectError } from '../reply';
import { toAttributes } from './any_value';
import type { PlainAnyValue, PlainKeyValue } from './any_value';
import { flattenAttributes, otelToLabelName } from './otlp_names';

interface PlainLogRecord {
  readonly timeUnixNano: string;
  readonly observedTimeUnixNano: string;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: PlainAnyValue | null;
  readonly attributes: readonly PlainKeyValue[];
  readonly traceId: Uint8Array;
  readonly spanId: Uint8Array;
}

export interface PlainLogsRequest {
  readonly resourceLogs: readonly {
    readonly resource: { readonly attributes: readonly PlainKeyValue[] } | null;
    readonly scopeLogs: readonly { readonly logRecords: readonly PlainLogRecord[] }[];
  }[];
}

const STREAM_LABEL_ATTRIBUTES = new Set(['service.name', 'deployment.environment.name']);

/** The log data model's severity ranges (1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL). */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function levelOf(severityNumber: number): string {
  return severityNumber >= 1 && severityNumber <= 24 ? (LEVELS[Math.floor((severityNumber - 1) / 4)] as string) : 'unknown';
}

export function toLogEntries(request: PlainLogsRequest): LogEntry[] {
  return request.resourceLogs.flatMap((resourceLogs) => {
    const resource = toAttributes(resourceLogs.resource?.attributes ?? []);
    const labels: Record<string, string> = {};
    const others: Record<string, AttributeValue> = {};
    for (const [key, value] of Object.entries(resource)) {
      if (STREAM_LABEL_ATTRIBUTES.has(key) && typeof value === 'string') labels[otelToLabelName(key)] = value;
      else others[key] = value;
    }
    const resourceMetadata = flattenAttributes(others);
    // Loki refuses a stream without labels; it falls back to service_name="unknown_service".
    if (labels['service_name'] === undefined) labels['service_name'] = 'unknown_service';
    return resourceLogs.scopeLogs.flatMap((scopeLogs) => scopeLogs.logRecords.map((record) => toEntry(record, labels, resourceMetadata)));
  });
}

function toEntry(record: PlainLogRecord, labels: Readonly<Record<string, string>>, resourceMetadata: Readonly<Record<string, string>>): LogEntry {
  const metadata = flattenAttributes(toAttributes(record.attributes), { ...resourceMetadata });
  const traceId = Buffer.from(record.traceId).toString('hex');
  const spanId = Buffer.from(record.spanId).toString('hex');
  if (traceId !== '' && !/^[0-9a-f]{32}$/.test(traceId)) throw new RejectError(400, `invalid trace id "${traceId}" in a log record`);
  if (spanId !== '' && !/^[0-9a-f]{16}$/.test(spanId)) throw new RejectError(400, `invalid span id "${spanId}" in a log record`);
  if (traceId !== '') metadata['trace_id'] = traceId;
  if (spanId !== '') metadata['span_id'] = spanId;
  if (record.severityText !== '') metadata['severity_text'] = record.severityText;
  metadata['detected_level'] = levelOf(record.severityNumber);
  // A record without its own time is stamped with the observed time, as Loki does.
  const time = record.timeUnixNano !== '0' ? record.timeUnixNano : record.observedTimeUnixNano;
  const body = toAttributes([{ key: 'body', value: record.body }])['body'];
  return { timeUnixNano: BigInt(time), line: typeof body === 'string' ? body : JSON.stringify(body), labels, metadata };
}
