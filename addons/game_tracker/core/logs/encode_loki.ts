/**
 * Loki push API, JSON form (`POST /loki/api/v1/push`, `Content-Type: application/json`):
 * `{"streams":[{"stream":{labels},"values":[["<unix ns>","<line>",{structured metadata}]]}]}`.
 * Stream labels stay low-cardinality (service_name, game, env, level); ids ride in structured metadata.
 */
import type { BodyBuilder } from '../export/body_builder';
import { unixMsToNanoString } from '../time';
import type { LogRecord } from './log_record';

export const LOKI_CONTENT_TYPE = 'application/json';

/** The labels every stream of a client carries; `level` is added per stream. */
export interface LokiStreamLabels {
  readonly service_name: string;
  readonly game: string;
  readonly env: string;
}

/**
 * Loki refuses a whole push when one line exceeds `max_line_size` (256 KB by default). Lines are
 * capped well below it (a character is at most 3 UTF-8 bytes here); the message always survives.
 */
export const MAX_LINE_CHARS = 64 * 1024;

/** The log line: the message, the call's data and the named contexts, as one JSON object. */
function toLine(record: LogRecord): string {
  const line: { msg: string; data?: unknown; context?: unknown } = { msg: record.msg };
  if (record.data !== undefined) line.data = record.data;
  for (const _ in record.contexts) {
    line.context = record.contexts;
    break;
  }
  const text = JSON.stringify(line);
  if (text.length <= MAX_LINE_CHARS) return text;
  return JSON.stringify({ msg: record.msg, truncated: `…[data and context left out: the line had ${text.length} chars]` });
}

/**
 * Structured metadata as JSON. Lines of one batch share a few metadata views (one per context change),
 * so each view is serialised once per batch; a span link appends its two ids to that text.
 */
function metadataJson(record: LogRecord, cache: Map<object, string>): string {
  let json = cache.get(record.metadata);
  if (json === undefined) cache.set(record.metadata, (json = JSON.stringify(record.metadata)));
  if (record.traceId === undefined) return json;
  const meta = record.metadata;
  // A tag named like an id would make a duplicate key: let the object spread settle it instead.
  if ('trace_id' in meta || 'span_id' in meta) return JSON.stringify({ ...meta, trace_id: record.traceId, span_id: record.spanId ?? '' });
  // Ids are hex: no escaping needed.
  return `${json.length > 2 ? `${json.slice(0, -1)},` : '{'}"trace_id":"${record.traceId}","span_id":"${record.spanId ?? ''}"}`;
}

/**
 * `clockCorrectionMs` moves device time onto the receiver's clock (see clock_offset.ts).
 *
 * The body is written as text, entry by entry, rather than built as objects for one JSON.stringify:
 * that way the metadata, the same for most lines, is serialised once per batch instead of once per
 * line, and no intermediate objects are made (QuickJS pays ~40 ns per property created).
 */
export class LokiPushBuilder implements BodyBuilder<LogRecord, string> {
  private readonly byLevel = new Map<string, string[]>();
  private readonly metadata = new Map<object, string>();

  constructor(
    private readonly labels: LokiStreamLabels,
    private readonly clockCorrectionMs: number,
  ) {}

  add(record: LogRecord): void {
    let entries = this.byLevel.get(record.level);
    if (entries === undefined) this.byLevel.set(record.level, (entries = []));
    const time = unixMsToNanoString(record.timeUnixMs + this.clockCorrectionMs);
    entries.push(`["${time}",${JSON.stringify(toLine(record))},${metadataJson(record, this.metadata)}]`);
  }

  finish(): string {
    const { labels } = this;
    let body = '{"streams":[';
    let first = true;
    for (const [level, entries] of this.byLevel) {
      const stream = JSON.stringify({ service_name: labels.service_name, game: labels.game, env: labels.env, level });
      body += `${first ? '' : ','}{"stream":${stream},"values":[${entries.join(',')}]}`;
      first = false;
    }
    return `${body}]}`;
  }
}
