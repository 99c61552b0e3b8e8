/**
 * Each signal's event as the `before_send` filter sees it, and the record rebuilt from what the filter
 * returns. Events are plain dictionaries with a `signal` key ("log", "metric", "span"); a filter may
 * change any other field or drop the event by returning nothing.
 */
import { toAttributes } from '../attributes';
import type { LogRecord } from '../logs/log_record';
import { LOG_LEVEL_RANK } from '../logs/log_record';
import type { MetricKind } from '../metrics/series';
import { normalizeRecord, normalizeValue, truncate } from '../normalize';
import type { SpanRecord } from '../traces/span_record';
import type { DropReason, LogLevel } from '../types';
import { copySpanRecord } from './device_fields';
import type { EventFilter } from './event_filter';

const MAX_TEXT_LENGTH = 8192;

export function filterLog(filter: EventFilter, record: LogRecord): LogRecord | DropReason {
  const event = filter.apply({ signal: 'log', level: record.level, message: record.msg, data: record.data ?? null });
  if (typeof event === 'string') return event;
  const level = typeof event['level'] === 'string' && event['level'] in LOG_LEVEL_RANK ? (event['level'] as LogLevel) : record.level;
  return { ...record, level, msg: text(event['message'], record.msg), data: normalizeRecord(event['data']) };
}

export interface MetricCall {
  readonly name: unknown;
  readonly labels: unknown;
  readonly value: unknown;
}

export function filterMetric(filter: EventFilter, kind: MetricKind, call: MetricCall): MetricCall | DropReason {
  const event = filter.apply({ signal: 'metric', kind, name: call.name, labels: call.labels ?? null, value: call.value });
  if (typeof event === 'string') return event;
  return { name: event['name'], labels: event['labels'], value: event['value'] };
}

export function filterSpan(filter: EventFilter, record: SpanRecord): SpanRecord | DropReason {
  const event = filter.apply({ signal: 'span', name: record.name, trace_id: record.traceId, span_id: record.spanId, attributes: { ...record.attributes } });
  if (typeof event === 'string') return event;
  return copySpanRecord(record, { name: text(event['name'], record.name), attributes: toAttributes(event['attributes']).attributes });
}

function text(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  return truncate(typeof value === 'string' ? value : (JSON.stringify(normalizeValue(value)) ?? ''), MAX_TEXT_LENGTH);
}
