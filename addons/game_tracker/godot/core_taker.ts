import type { Tracker } from '../core/api';
import { OP, OP_NAMES, warnFailed } from './call_queue';
import type { CallTaker } from './call_queue';
import type { ReplayClock } from './replay_clock';
import { attachSpanHandle, spanHandleOf } from './span_handles';
import { toPlain } from './to_plain';

const SPAN_END = OP['span.end'];

/**
 * The autoload's hand-over: each recorded call converted (to_plain.ts) and made on the core, with the
 * core's clock pinned to the time the game made it.
 */
export class CoreTaker implements CallTaker {
  private tracker: Tracker | null = null;

  /** `core()` gives the core (null in the editor, where calls are dropped), without draining. */
  constructor(
    private readonly clock: Pick<ReplayClock, 'pin' | 'unpin'>,
    private readonly core: () => Tracker | null,
    /** A span wrapper whose span the core has just ended (the autoload's span pool hears of it). */
    private readonly spanEnded: (wrapper: object) => void,
  ) {}

  begin(): void {
    this.tracker = this.core();
  }

  take(calls: readonly unknown[], at: number): void {
    const tracker = this.tracker;
    if (tracker === null) return;
    const op = calls[at] as number;
    const atMs = calls[at + 5] as number;
    if (atMs >= 0) this.clock.pin(atMs);
    else this.clock.unpin();
    try {
      const span = calls[at + 1] as object | undefined;
      applyCall(tracker, op, span, calls[at + 2], calls[at + 3], calls[at + 4]);
      if (op === SPAN_END && span !== undefined) this.spanEnded(span);
    } catch (error) {
      warnFailed(OP_NAMES[op] ?? 'call', error);
    }
  }

  end(): void {
    this.clock.unpin();
    this.tracker = null;
  }
}

/**
 * One recorded call made on the core, its arguments converted (to_plain.ts); `span` is the wrapper
 * (or, on the worker design's thread, a holder) of the span the call is about.
 */
export function applyCall(tracker: Tracker, op: number, span: object | undefined, first: unknown, second: unknown, third: unknown): void {
  switch (OP_NAMES[op]) {
    case 'log_debug':
      return tracker.log_debug(toPlain(first), toPlain(second));
    case 'log_info':
      return tracker.log_info(toPlain(first), toPlain(second));
    case 'log_warn':
      return tracker.log_warn(toPlain(first), toPlain(second));
    case 'log_error':
      return tracker.log_error(toPlain(first), toPlain(second));
    case 'increment':
      return tracker.increment(toPlain(first), toPlain(second), toPlain(third));
    case 'gauge':
      return tracker.gauge(toPlain(first), toPlain(second), toPlain(third));
    case 'histogram':
      return tracker.histogram(toPlain(first), toPlain(second), toPlain(third));
    case 'set_user':
      return tracker.set_user(toPlain(first));
    case 'set_context':
      return tracker.set_context(toPlain(first), toPlain(second));
    case 'set_tag':
      return tracker.set_tag(toPlain(first), toPlain(second));
    case 'set_consent':
      return tracker.set_consent(toPlain(first));
    case 'start_span':
      if (span !== undefined) attachSpanHandle(span, tracker.start_span(toPlain(first), toPlain(second), toPlain(third)));
      return;
    case 'span.end':
      return spanHandleOf(span)?.end();
    case 'span.set_attribute':
      return spanHandleOf(span)?.set_attribute(String(first), toPlain(second));
    case 'span.add_event':
      return spanHandleOf(span)?.add_event(String(first), toPlain(second));
    case 'span.set_error':
      return spanHandleOf(span)?.set_error(toPlain(first));
    default:
      return undefined;
  }
}
