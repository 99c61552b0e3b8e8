/**
 * Loki push API, JSON form (`POST /loki/api/v1/push`, `Content-Type: application/json`):
 * `{"streams":[{"stream":{labels},"values":[["<unix ns>","<line>",{structured metadata}]]}]}`.
 * Stream labels stay low-cardinality (game, environment, level); ids ride in structured metadata.
 */
import { unixMsToNanoString } from '../time';
import type { LogRecord } from './log_record';

export const LOKI_CONTENT_TYPE = 'application/json';

export interface LokiStreamLabels {
  readonly game: string;
  readonly environment: string;
}

type LokiEntry = [string, string, Record<string, string>];

/** The log line: the message, the call's data and the named contexts, as one JSON object. */
function toLine(record: LogRecord): string {
  const line: { msg: string; data?: unknown; context?: unknown } = { msg: record.msg };
  if (record.data !== undefined) line.data = record.data;
  for (const _ in record.contexts) {
    line.context = record.contexts;
    break;
  }
  return JSON.stringify(line);
}

function toMetadata(record: LogRecord): Record<string, string> {
  if (record.traceId === undefined) return record.metadata as Record<string, string>;
  return { ...record.metadata, trace_id: record.traceId, span_id: record.spanId ?? '' };
}

/** `clockCorrectionMs` moves device time onto the receiver's clock (see clock_offset.ts). */
export function encodeLokiPush(records: readonly LogRecord[], labels: LokiStreamLabels, clockCorrectionMs: number): string {
  const byLevel = new Map<string, LokiEntry[]>();
  for (const record of records) {
    let values = byLevel.get(record.level);
    if (values === undefined) byLevel.set(record.level, (values = []));
    values.push([unixMsToNanoString(record.timeUnixMs + clockCorrectionMs), toLine(record), toMetadata(record)]);
  }
  const streams = [...byLevel].map(([level, values]) => ({
    stream: { game: labels.game, environment: labels.environment, level },
    values,
  }));
  return JSON.stringify({ streams });
}
