/**
 * A log call → a queued record: the message as bounded text, the repeat throttle (before any work on
 * the data), the span link (`data.span`), the data normalised, and the context views of the moment.
 */
import type { TrackerConfig } from '../config';
import type { TrackerContext } from '../context';
import { normalizeRecord, normalizeValue, truncate } from '../normalize';
import type { EventClock } from '../time';
import { Span } from '../traces/span';
import type { Fields, LogLevel } from '../types';
import type { LogRecord } from './log_record';
import { LogThrottle } from './log_throttle';

const MAX_MESSAGE_LENGTH = 8192;

export class LogIntake {
  private readonly throttle: LogThrottle;

  constructor(
    config: TrackerConfig,
    private readonly context: TrackerContext,
    private readonly clock: EventClock,
    private readonly queue: (record: LogRecord) => void,
  ) {
    this.throttle = new LogThrottle(config.logRepeatLimit, config.logRepeatWindowMs, (level, msg, held, windowMs) =>
      this.queueRecord(level, msg, { suppressed_repeats: held, window_ms: Math.round(windowMs) }),
    );
  }

  /** Queues the line; returns false when the throttle held it back (the caller counts the drop). */
  take(level: LogLevel, msg: unknown, data: unknown): boolean {
    const text = typeof msg === 'string' ? truncate(msg, MAX_MESSAGE_LENGTH) : truncate(JSON.stringify(normalizeValue(msg)) ?? '', MAX_MESSAGE_LENGTH);
    // One clock read for the throttle and the timestamp: in the engine each read is a host call.
    const nowMs = this.clock.monotonicMs();
    // Before any work on the data: a line repeated every frame should cost next to nothing.
    if (!this.throttle.admit(level, text, nowMs)) return false;
    const span = spanIn(data);
    if (span !== undefined) data = withoutSpan(data as { span: Span });
    const fields = normalizeRecord(data);
    this.queueRecord(level, text, fields === undefined && data !== undefined && data !== null ? { value: normalizeValue(data) } : fields, span?.trace_id, span?.span_id, nowMs);
    return true;
  }

  /** Summarises the repeat windows that closed (all of them with `everything`, at shutdown). */
  sweep(nowMs: number, everything = false): void {
    this.throttle.sweep(nowMs, everything);
  }

  private queueRecord(level: LogLevel, msg: string, data: Fields | undefined, traceId?: string, spanId?: string, nowMs = this.clock.monotonicMs()): void {
    this.queue({
      timeUnixMs: this.clock.unixMsAt(nowMs),
      level,
      msg,
      data,
      metadata: this.context.logMetadata(),
      contexts: this.context.contextFields(),
      traceId,
      spanId,
    });
  }
}

/** The span a log line is linked to (`data.span`); data whose reads throw has none. */
function spanIn(data: unknown): Span | undefined {
  try {
    const span = typeof data === 'object' && data !== null && 'span' in data ? (data as { span: unknown }).span : undefined;
    return span instanceof Span ? span : undefined;
  } catch {
    return undefined;
  }
}

function withoutSpan(data: { span: Span }): unknown {
  try {
    const { span: _span, ...rest } = data;
    return rest;
  } catch {
    return data;
  }
}
