/**
 * Pipelines replaced while requests of theirs were still in flight: when the player withdraws consent,
 * a new session gets a new pipeline, and a request already on the wire still settles on the old one's
 * books. stats() adds those books to the current ones, so produced = sent + pending + dropped holds
 * across the change; a retired pipeline with nothing left in flight is folded into the current books.
 */
import type { SignalStats } from '../api';
import type { Pipeline } from '../pipeline';
import type { Signal } from '../types';
import { DROP_REASONS, SIGNALS } from '../types';
import { outboxStats } from './outbox';

export class RetiredPipelines {
  private readonly retired: Pipeline[] = [];

  add(pipeline: Pipeline): void {
    this.retired.push(pipeline);
  }

  /** `stats` (the current pipeline's) with the retired pipelines' books added; settled ones folded into `current`. */
  addedTo(stats: Record<Signal, SignalStats>, current: Pipeline): Record<Signal, SignalStats> {
    for (let i = this.retired.length - 1; i >= 0; i--) {
      const old = this.retired[i] as Pipeline;
      if (SIGNALS.every((signal) => old[signal].pending() === 0)) {
        for (const signal of SIGNALS) current[signal].books.absorb(old[signal].books);
        this.retired.splice(i, 1);
        // Folded after `stats` was read: add its books once here, as for the others.
      }
      for (const signal of SIGNALS) stats[signal] = sum(stats[signal], outboxStats(old[signal]));
    }
    return stats;
  }
}

function sum(a: SignalStats, b: SignalStats): SignalStats {
  const dropped = { ...a.dropped };
  for (const reason of DROP_REASONS) dropped[reason] += b.dropped[reason];
  return { produced: a.produced + b.produced, sent: a.sent + b.sent, pending: a.pending + b.pending, dropped };
}
