/**
 * The game's `before_send` filter: called with each event before it is queued, it returns the event
 * (changed or not) or nothing to drop it. It can never break the game: a call that throws, returns
 * something that is not an event, or takes longer than FILTER_STALL_MS is caught and its event dropped
 * (filter_failed); after FILTER_FAILURES_ALLOWED such calls the filter is switched off with one
 * warning. It fails closed: once off, events are dropped (filter_failed), never sent unfiltered, since
 * the filter may be what keeps personal data from leaving the device.
 */

export type EventFields = Record<string, unknown>;
export type BeforeSend = (event: EventFields) => unknown;

/** A filter runs once per event on the game's thread: one call longer than this is a stall. */
export const FILTER_STALL_MS = 2;
export const FILTER_FAILURES_ALLOWED = 5;

export class EventFilter {
  private failures = 0;
  private off = false;

  constructor(
    private readonly filter: BeforeSend,
    private readonly monotonicMs: () => number,
    private readonly warn: (kind: string, message: string) => void,
  ) {}

  /** The event to queue, or why there is none. */
  apply(event: EventFields): EventFields | 'filtered' | 'filter_failed' {
    if (this.off) return 'filter_failed';
    const startedMs = this.monotonicMs();
    let result: unknown;
    try {
      result = this.filter(event);
    } catch (error) {
      return this.failed(`threw (${error instanceof Error ? error.message : String(error)})`);
    }
    const tookMs = this.monotonicMs() - startedMs;
    if (tookMs > FILTER_STALL_MS) return this.failed(`took ${tookMs.toFixed(1)} ms (more than ${FILTER_STALL_MS} ms)`);
    if (result === null || result === undefined) return 'filtered';
    if (typeof result !== 'object' || Array.isArray(result)) return this.failed('returned something that is not an event dictionary');
    return result as EventFields;
  }

  private failed(why: string): 'filter_failed' {
    this.failures++;
    if (this.failures < FILTER_FAILURES_ALLOWED) {
      this.warn('before_send_failed', `before_send ${why}: the event is dropped (filter_failed)`);
    } else if (!this.off) {
      this.off = true;
      this.warn('before_send_off', `before_send failed ${this.failures} times (latest: ${why}); it is switched off and events are dropped (filter_failed) from now on`);
    }
    return 'filter_failed';
  }
}
