/**
 * What the game records before `init`: a child node's `_ready` runs before its parent's, so in a
 * typical game the first calls come before the main scene calls `init`. Logs and spans wait in the
 * early pipeline's queues (default limits, overflow counted as before_init), metric calls in an
 * EarlyMetrics buffer; `init` moves all of it into the pipeline it builds, as if it had come first.
 */
import type { Pipeline } from './pipeline';
import { LOG_LEVEL_RANK } from './logs/log_record';
import type { LogRecord } from './logs/log_record';
import { EarlyMetrics } from './metrics/early_metrics';
import type { EarlyMetricCall } from './metrics/early_metrics';
import type { SpanRecord } from './traces/span_record';
import { SIGNALS } from './types';
import type { DropReason } from './types';

/** Where init puts each early item: through the same privacy cleaning and filter as later ones. */
export interface EarlyReplay {
  log(record: LogRecord): void;
  span(record: SpanRecord): void;
  /** Judged and booked against init's configuration. */
  metric(call: EarlyMetricCall): void;
}

/** A game that records for this long and never calls init hears about it once. */
export const NO_INIT_WARNING_AFTER_MS = 10_000;

export class EarlyCalls {
  readonly metrics: EarlyMetrics;
  private reminded = false;

  /** `capacity`: the default queue limit, also for metric calls (see EarlyMetrics). */
  constructor(
    early: Pipeline,
    capacity: number,
    private readonly createdMs: number,
  ) {
    early.logs.overflowReason = 'before_init';
    early.traces.overflowReason = 'before_init';
    this.metrics = new EarlyMetrics(capacity);
  }

  /** No warning for the normal case (init a few frames later); one if the game records for long without it. */
  remindIfForgotten(early: Pipeline, nowMs: number, warn: (kind: string, message: string) => void): void {
    if (this.reminded || nowMs - this.createdMs < NO_INIT_WARNING_AFTER_MS) return;
    const held = early.logs.pending() + early.traces.pending() + this.metrics.calls;
    if (held === 0) return;
    this.reminded = true;
    warn('no_init', `${held} calls are waiting for GameTracker.init({...}); they are kept (up to the queue limits) until it is called`);
  }

  /**
   * Moves everything from `early` into `next`, whose books have not counted it yet. Lines below
   * init's `min_log_level` are left out as if logged after init; each item goes through `replay`.
   */
  moveInto(early: Pipeline, next: Pipeline, minLogRank: number, replay: EarlyReplay): void {
    const logs = early.logs.drain();
    const spans = early.traces.drain();
    const metricCalls = this.metrics.drain();
    for (const call of metricCalls) early.metrics.books.produced -= call.calls;
    for (const signal of SIGNALS) next[signal].books.absorb(early[signal].books);
    next.logs.overflowReason = next.traces.overflowReason = 'before_init';
    for (const record of logs) if (LOG_LEVEL_RANK[record.level] >= minLogRank) replay.log(record);
    for (const span of spans) replay.span(span);
    next.logs.overflowReason = next.traces.overflowReason = undefined;
    for (const call of metricCalls) replay.metric(call);
  }

  /**
   * Drops everything held: `init` never came and the game ends (before_init: there is nowhere to
   * send), or the player refused consent (no_consent).
   */
  discard(early: Pipeline, reason: DropReason): void {
    early.logs.abandon(reason);
    early.traces.abandon(reason);
    let heldCalls = 0;
    for (const call of this.metrics.drain()) heldCalls += call.calls;
    early.metrics.books.drop(reason, heldCalls);
  }
}
