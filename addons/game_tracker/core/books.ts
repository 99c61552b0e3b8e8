/** Per-signal loss accounting: every item produced ends up sent, pending, or dropped for one reason. */
import type { SignalStats } from './api';
import type { DropReason } from './types';
import { DROP_REASONS } from './types';

export class Books {
  produced = 0;
  sent = 0;
  readonly dropped: Record<DropReason, number>;

  constructor() {
    const dropped = {} as Record<DropReason, number>;
    for (const reason of DROP_REASONS) dropped[reason] = 0;
    this.dropped = dropped;
  }

  drop(reason: DropReason, count = 1): void {
    this.dropped[reason] += count;
  }

  /**
   * Takes over another ledger's counts: the early pipeline's at init, a retired pipeline's once its
   * last request has settled (see retired_pipelines.ts).
   */
  absorb(other: Books): void {
    this.produced += other.produced;
    this.sent += other.sent;
    for (const reason of DROP_REASONS) this.dropped[reason] += other.dropped[reason];
  }

  /** `pending` is measured by the caller from what it really holds, so the identity is a real check. */
  snapshot(pending: number): SignalStats {
    return { produced: this.produced, sent: this.sent, pending, dropped: { ...this.dropped } };
  }
}
