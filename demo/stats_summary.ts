/** One line of the clients' books: what was produced, sent, pending and dropped, per signal. */
import type { SignalStats, TrackerStats } from '../addons/game_tracker/core/api';
import { Books } from '../addons/game_tracker/core/books';
import { SIGNALS } from '../addons/game_tracker/core/types';

function add(total: SignalStats, stats: SignalStats): void {
  total.produced += stats.produced;
  total.sent += stats.sent;
  total.pending += stats.pending;
  for (const [reason, count] of Object.entries(stats.dropped)) total.dropped[reason as keyof SignalStats['dropped']] += count;
}

export function summarizeStats(all: readonly TrackerStats[]): string {
  return SIGNALS.map((signal) => {
    const total = new Books().snapshot(0);
    for (const stats of all) add(total, stats[signal]);
    const dropped = Object.entries(total.dropped).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`);
    return `${signal} ${total.sent}/${total.produced} sent${total.pending > 0 ? `, ${total.pending} pending` : ''}${dropped.length > 0 ? `, dropped ${dropped.join(' ')}` : ''}`;
  }).join(' | ');
}
