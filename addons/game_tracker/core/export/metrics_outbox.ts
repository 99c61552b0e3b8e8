/**
 * Metrics: observations are aggregated in the registry and every push carries a snapshot of all
 * series (cumulative), once per flush interval. The unit of accounting is the observation: it counts
 * as sent once a push that includes it succeeds. A failed push loses no observation (the next snapshot
 * carries the same totals), so it stays pending rather than dropped.
 *
 * A sample stamped hours in the future blocks Prometheus until that time (its series refuses later
 * samples as out of order, and every series refuses samples older than its head allows), so no
 * sample leaves before some receiver has answered and the clock offset is known: the first request
 * is then an empty write request, a probe for the `Date`.
 * Only a flush or shutdown, which ask for the data now, send before that, with the device clock.
 */
import { Books } from '../books';
import type { MetricRegistry } from '../metrics/registry';
import type { DropReason } from '../types';
import type { Channel, Outgoing } from './channel';
import type { FinalRequest, Outbox } from './outbox';

/**
 * A push built over several ticks, so that no frame pays for all of it (remote write's snappy pass
 * takes over a millisecond for 100 series under QuickJS). Each `next` does one slice of the work,
 * sized to take about `budgetMs` (at least a minimum slice); the request comes with the last.
 */
export interface SlicedPush {
  next(budgetMs: number): Outgoing | undefined;
}

export interface MetricsOutboxOptions {
  readonly channel: Channel;
  readonly registry: MetricRegistry;
  readonly flushIntervalMs: number;
  /** Builds the push for a snapshot at `timestampMs`; may throw. */
  encode(registry: MetricRegistry, timestampMs: number): Outgoing;
  /** The same push built over several ticks; when given, used for timed pushes (not for flush or shutdown). */
  encodeSliced?(registry: MetricRegistry, timestampMs: number): SlicedPush;
  /** An empty write request: carries no samples, only asks for the receiver's `Date`. */
  probe(): Outgoing;
  /** Whether the device clock has been checked against a receiver's (see clock_offset.ts). */
  clockKnown(): boolean;
  /** Receiver-corrected wall time for the samples. */
  sampleTimeMs(): number;
  /** Monotonic time, to size a slice to what is left of a tick's share of time. */
  monotonicMs(): number;
  warn(kind: string, message: string): void;
  /** Called right before each snapshot is taken: the tracker's own metrics bring their values up to date. */
  beforeSnapshot?(): void;
  /** Whether the tracker's own series changed since the last snapshot (a flush then pushes them too). */
  ownSeriesChanged?(): boolean;
}

export class MetricsOutbox implements Outbox {
  readonly sendsWhole = true;
  readonly books = new Books();
  private unsentObservations = 0;
  private inFlightObservations = 0;
  private lastSendMs: number;
  /**
   * The session's clean end (its own series: active 0, ended 1) was recorded and no push that began
   * after it has arrived yet: a forced push and the quit's last send must carry it.
   */
  private sessionEndUnsent = false;
  /** Whether the push being built began after the session's end was recorded (a push built over several ticks may not). */
  private snapshotHasSessionEnd = false;
  /** Samples of a series must have strictly increasing timestamps, even if the clock correction moves back. */
  private lastTimestampMs = 0;
  /** Set by `due` for the `send` that follows it. */
  private probeNext = false;
  private probeInFlight = false;
  /** Once abandoned (shutdown), a push that fails afterwards has no next snapshot to ride on. */
  private abandonedAs: DropReason | undefined;
  /** A push being built over several ticks; its observations are counted in flight. */
  private slicing: SlicedPush | undefined;
  /** Set by `due`: a flush or shutdown wants the push now, in one piece. */
  private forcedNow = false;
  /** Bumped when the push in flight is taken over (at quit), so its late answer settles nothing. */
  private sendGeneration = 0;

  constructor(
    private readonly options: MetricsOutboxOptions,
    nowMs: number,
  ) {
    this.lastSendMs = nowMs;
  }

  /** `count` > 1 for calls made before `init` that were merged into one (see early_metrics.ts). */
  recorded(count = 1): void {
    this.books.produced += count;
    this.unsentObservations += count;
  }

  /**
   * The tracker's own series changed at the end of the session: the next push carries them even with
   * no observation pending (shutdown), and so does the quit's last send until one of them arrived.
   */
  ownSeriesTouched(): void {
    this.sessionEndUnsent = true;
  }

  pending(): number {
    return this.unsentObservations + this.inFlightObservations;
  }

  /** A timed push is being built over several ticks: it carries only what was counted before it began. */
  building(): boolean {
    return this.slicing !== undefined;
  }

  due(nowMs: number, forced: boolean): boolean {
    this.forcedNow = forced;
    if (this.slicing !== undefined) return true;
    if (this.options.registry.totalSeries() === 0) return false;
    this.probeNext = !forced && !this.options.clockKnown();
    if (this.probeNext) return true;
    if (forced) return this.unsentObservations > 0 || this.sessionEndUnsent || this.options.ownSeriesChanged?.() === true || nowMs - this.lastSendMs >= this.options.flushIntervalMs;
    return nowMs - this.lastSendMs >= this.options.flushIntervalMs;
  }

  send(nowMs: number, untilMs: number): void {
    if (this.probeNext) {
      this.sendProbe();
      return;
    }
    if (this.slicing !== undefined) {
      this.continueSliced(untilMs);
      return;
    }
    this.lastSendMs = nowMs;
    this.snapshotHasSessionEnd = this.sessionEndUnsent;
    const timestampMs = Math.max(Math.round(this.options.sampleTimeMs()), this.lastTimestampMs + 1);
    let request: Outgoing | undefined;
    try {
      this.options.beforeSnapshot?.();
      const { encodeSliced } = this.options;
      if (encodeSliced !== undefined && !this.forcedNow) this.slicing = encodeSliced(this.options.registry, timestampMs);
      else request = this.options.encode(this.options.registry, timestampMs);
    } catch (error) {
      this.options.warn('encode_failed', `could not encode metrics (${String(error)})`);
      return;
    }
    this.lastTimestampMs = timestampMs;
    this.inFlightObservations = this.unsentObservations;
    this.unsentObservations = 0;
    if (request === undefined) this.continueSliced(untilMs);
    else this.dispatch(request);
  }

  /** One more slice of the push being built, for what is left of the tick's time (all of it when forced); sends it once complete. */
  private continueSliced(untilMs: number): void {
    let request: Outgoing | undefined;
    try {
      do request = this.slicing?.next(untilMs - this.options.monotonicMs());
      while (request === undefined && this.forcedNow && this.slicing !== undefined);
    } catch (error) {
      // As a push that failed to encode: its observations wait for the next snapshot.
      this.slicing = undefined;
      this.unsentObservations += this.inFlightObservations;
      this.inFlightObservations = 0;
      this.options.warn('encode_failed', `could not encode metrics (${String(error)})`);
      return;
    }
    if (request === undefined) return;
    this.slicing = undefined;
    this.dispatch(request);
  }

  private dispatch(request: Outgoing): void {
    const generation = this.sendGeneration;
    const carriesSessionEnd = this.snapshotHasSessionEnd;
    this.options.channel.send(request, (ok) => {
      if (generation !== this.sendGeneration) return;
      if (ok && carriesSessionEnd) this.sessionEndUnsent = false;
      if (ok) this.books.sent += this.inFlightObservations;
      else if (this.abandonedAs !== undefined) this.books.drop(this.abandonedAs, this.inFlightObservations);
      else this.unsentObservations += this.inFlightObservations;
      this.inFlightObservations = 0;
    });
  }

  private sendProbe(): void {
    let probe: Outgoing;
    try {
      probe = this.options.probe();
    } catch (error) {
      this.options.warn('encode_failed', `could not encode metrics (${String(error)})`);
      return;
    }
    this.probeInFlight = true;
    this.options.channel.send(probe, () => (this.probeInFlight = false));
  }

  /** While the probe is out, other signals can wait a moment for the receiver's clock too. */
  probing(): boolean {
    return this.probeInFlight;
  }

  /** The final cumulative values: one snapshot covers every observation not yet confirmed sent. */
  finalRequest(): FinalRequest | undefined {
    const observations = this.unsentObservations + this.inFlightObservations;
    this.slicing = undefined;
    this.sendGeneration++;
    this.unsentObservations = 0;
    this.inFlightObservations = 0;
    if (observations === 0 && !this.sessionEndUnsent) return undefined;
    const timestampMs = Math.max(Math.round(this.options.sampleTimeMs()), this.lastTimestampMs + 1);
    let request: Outgoing;
    try {
      this.options.beforeSnapshot?.();
      request = this.options.encode(this.options.registry, timestampMs);
    } catch (error) {
      this.books.drop('send_failed', observations);
      this.options.warn('encode_failed', `could not encode metrics (${String(error)})`);
      return undefined;
    }
    this.lastTimestampMs = timestampMs;
    return {
      request,
      settle: (outcome) => {
        if (outcome === 'sent') this.books.sent += observations;
        else this.books.drop(outcome, observations);
      },
    };
  }

  abandon(reason: DropReason): void {
    this.abandonedAs = reason;
    if (this.slicing !== undefined) {
      this.slicing = undefined;
      this.books.drop(reason, this.inFlightObservations);
      this.inFlightObservations = 0;
    }
    this.books.drop(reason, this.unsentObservations);
    this.unsentObservations = 0;
  }
}
