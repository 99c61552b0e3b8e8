/** Log lines: counts by level and the most recent lines. */
import type { LogEntry } from './records';
import type { LogsView } from './views';

/** Enough to fill a terminal and see a burst's context; older lines only count. */
const LATEST_LINES_KEPT = 200;

export class LogStore {
  private total = 0;
  private readonly byLevel = new Map<string, number>();
  private readonly latest: LogEntry[] = [];

  add(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      const level = levelOf(entry);
      this.byLevel.set(level, (this.byLevel.get(level) ?? 0) + 1);
      this.latest.push(entry);
    }
    this.total += entries.length;
    if (this.latest.length > LATEST_LINES_KEPT) this.latest.splice(0, this.latest.length - LATEST_LINES_KEPT);
  }

  view(): LogsView {
    return {
      total: this.total,
      byLevel: Object.fromEntries(this.byLevel),
      latest: this.latest.map((entry) => ({
        timeUnixNano: entry.timeUnixNano.toString(),
        level: levelOf(entry),
        line: entry.line,
        labels: entry.labels,
        metadata: entry.metadata,
      })),
    };
  }
}

/**
 * GameTracker puts the level in the `level` stream label; other senders may leave it to Loki's level
 * detection, which reads `level` or `detected_level` from structured metadata.
 */
function levelOf(entry: LogEntry): string {
  return entry.labels['level'] ?? entry.metadata['level'] ?? entry.metadata['detected_level'] ?? 'unknown';
}
