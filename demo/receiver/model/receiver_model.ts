/**
 * Everything the receiver has accepted, with change events for a UI and a snapshot for tests.
 * Routes call the add* methods only after a request has passed every check, so the model holds
 * exactly what a real backend would have stored.
 */
import { LogStore } from './log_store';
import { MetricStore } from './metric_store';
import type { LogEntry, SeriesSamples, SpanRecord } from './records';
import { TraceStore } from './trace_store';
import type { ReceiverSnapshot, RejectionView } from './views';

export type ReceiverEvent =
  | { readonly kind: 'logs'; readonly entries: readonly LogEntry[] }
  | { readonly kind: 'metrics'; readonly series: readonly SeriesSamples[] }
  | { readonly kind: 'traces'; readonly spans: readonly SpanRecord[] }
  | ({ readonly kind: 'rejected' } & RejectionView);

export type ReceiverListener = (event: ReceiverEvent) => void;

const RECENT_REJECTIONS_KEPT = 20;

export class ReceiverModel {
  private readonly logs = new LogStore();
  private readonly metrics = new MetricStore();
  private readonly traces = new TraceStore();
  private readonly listeners = new Set<ReceiverListener>();
  private readonly requestsByPath = new Map<string, { accepted: number; rejected: number }>();
  private readonly recentRejections: RejectionView[] = [];

  /** Calls `listener` after every change, synchronously; returns the unsubscribe function. */
  subscribe(listener: ReceiverListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addLogs(entries: readonly LogEntry[]): void {
    this.logs.add(entries);
    this.emit({ kind: 'logs', entries });
  }

  /** Stores the series unless a sample conflicts with what is stored; answers the conflict. */
  addSeries(series: readonly SeriesSamples[]): string | undefined {
    const problem = this.metrics.append(series);
    if (problem === undefined) this.emit({ kind: 'metrics', series });
    return problem;
  }

  addSpans(spans: readonly SpanRecord[]): void {
    this.traces.add(spans);
    this.emit({ kind: 'traces', spans });
  }

  recordAccepted(path: string): void {
    this.countsFor(path).accepted += 1;
  }

  /** Counts a refused request and keeps its reason among the recent ones. */
  recordRejected(path: string, status: number, message: string): void {
    this.countsFor(path).rejected += 1;
    const rejection = { path, status, message };
    this.recentRejections.push(rejection);
    if (this.recentRejections.length > RECENT_REJECTIONS_KEPT) this.recentRejections.shift();
    this.emit({ kind: 'rejected', ...rejection });
  }

  snapshot(): ReceiverSnapshot {
    const byPath = Object.fromEntries([...this.requestsByPath].map(([path, counts]) => [path, { ...counts }]));
    const totals = Object.values(byPath);
    return {
      requests: {
        accepted: totals.reduce((sum, counts) => sum + counts.accepted, 0),
        rejected: totals.reduce((sum, counts) => sum + counts.rejected, 0),
        byPath,
        recentRejections: [...this.recentRejections],
      },
      logs: this.logs.view(),
      metrics: this.metrics.view(),
      traces: this.traces.view(),
    };
  }

  private countsFor(path: string): { accepted: number; rejected: number } {
    const counts = this.requestsByPath.get(path) ?? { accepted: 0, rejected: 0 };
    this.requestsByPath.set(path, counts);
    return counts;
  }

  private emit(event: ReceiverEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
