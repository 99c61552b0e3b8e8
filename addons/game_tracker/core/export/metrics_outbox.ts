/**
 * Metrics: observations are aggregated in the registry and every push carries a snapshot of all
 * series (cumulative), once per flush interval. The unit of accounting is the observation: it counts
 * as sent once a push that includes it succeeds. A failed push loses no observation (the next snapshot
 * carries the same totals), so it stays pending rather than dropped.
 */
import { Books } from '../books';
import type { MetricRegistry } from '../metrics/registry';
import type { DropReason } from '../types';
import type { Channel, Outgoing } from './channel';
import type { Outbox } from './outbox';

export interface MetricsOutboxOptions {
  readonly channel: Channel;
  readonly registry: MetricRegistry;
  readonly flushIntervalMs: number;
  /** Builds the push for a snapshot at `timestampMs`; may throw. */
  encode(registry: MetricRegistry, timestampMs: number): Outgoing;
  /** Receiver-corrected wall time for the samples. */
  sampleTimeMs(): number;
  warn(kind: string, message: string): void;
}

export class MetricsOutbox implements Outbox {
  readonly books = new Books();
  private unsentObservations = 0;
  private inFlightObservations = 0;
  private lastSendMs: number;
  /** Samples of a series must have strictly increasing timestamps, even if the clock correction moves back. */
  private lastTimestampMs = 0;

  constructor(
    private readonly options: MetricsOutboxOptions,
    nowMs: number,
  ) {
    this.lastSendMs = nowMs;
  }

  recorded(): void {
    this.books.produced++;
    this.unsentObservations++;
  }

  refused(reason: DropReason): void {
    this.books.produced++;
    this.books.drop(reason);
  }

  pending(): number {
    return this.unsentObservations + this.inFlightObservations;
  }

  due(nowMs: number, forced: boolean): boolean {
    if (this.options.registry.totalSeries() === 0) return false;
    if (forced) return this.unsentObservations > 0 || nowMs - this.lastSendMs >= this.options.flushIntervalMs;
    return nowMs - this.lastSendMs >= this.options.flushIntervalMs;
  }

  send(nowMs: number): void {
    this.lastSendMs = nowMs;
    const timestampMs = Math.max(Math.round(this.options.sampleTimeMs()), this.lastTimestampMs + 1);
    let request: Outgoing;
    try {
      request = this.options.encode(this.options.registry, timestampMs);
    } catch (error) {
      this.options.warn('encode_failed', `could not encode metrics (${String(error)})`);
      return;
    }
    this.lastTimestampMs = timestampMs;
    this.inFlightObservations = this.unsentObservations;
    this.unsentObservations = 0;
    this.options.channel.send(request, (ok) => {
      if (ok) this.books.sent += this.inFlightObservations;
      else this.unsentObservations += this.inFlightObservations;
      this.inFlightObservations = 0;
    });
  }

  abandon(reason: DropReason): void {
    this.books.drop(reason, this.unsentObservations);
    this.unsentObservations = 0;
  }
}
