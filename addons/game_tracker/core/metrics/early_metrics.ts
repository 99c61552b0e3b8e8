/**
 * Metric calls made before `init`. They are kept raw rather than aggregated, because how they aggregate
 * depends on what `init` says (histogram bounds, series limits, the labels the tracker adds); `init`
 * replays them. Calls to the same series merge (a counter's increments add up, a gauge keeps its last
 * value), so a counter bumped every frame before `init` costs one entry; histogram observations are kept
 * one by one. At most `capacity` entries (a series, or one histogram observation) are held; a call
 * beyond that is refused and the tracker counts it (before_init).
 */
import { isDictionary, normalizeValue } from '../normalize';
import type { Value } from '../types';
import type { MetricKind } from './series';

export interface EarlyMetricCall {
  readonly kind: MetricKind;
  readonly name: unknown;
  /** A copy taken at the call, so that a game mutating its dictionary afterwards changes nothing. */
  readonly labels: unknown;
  /** Counter: the sum of the increments; gauge: the last value; histogram: one entry per observation. */
  value: unknown;
  /** How many game calls this entry stands for (each is booked once it is replayed). */
  calls: number;
}

export class EarlyMetrics {
  private readonly bySeries = new Map<string, EarlyMetricCall>();
  private readonly entries: EarlyMetricCall[] = [];
  private heldCalls = 0;

  constructor(private readonly capacity: number) {}

  /** Game calls held, for the books' `pending`. */
  get calls(): number {
    return this.heldCalls;
  }

  /** Keeps the call; false when the buffer is full (the caller counts the drop). */
  hold(kind: MetricKind, name: unknown, labels: unknown, value: unknown): boolean {
    const copy = copyLabels(labels);
    const key = kind === 'histogram' || copy === undefined ? undefined : seriesKey(kind, name, copy.labels, value);
    const merged = key === undefined ? undefined : this.bySeries.get(key);
    if (merged !== undefined) {
      merged.value = kind === 'counter' ? (merged.value as number) + (value as number) : value;
      merged.calls++;
      this.heldCalls++;
      return true;
    }
    if (this.entries.length >= this.capacity) return false;
    const call: EarlyMetricCall = { kind, name, labels: copy === undefined ? labels : copy.labels, value, calls: 1 };
    this.entries.push(call);
    if (key !== undefined) this.bySeries.set(key, call);
    this.heldCalls++;
    return true;
  }

  /** Every held call in the order first seen, and the buffer emptied. */
  drain(): EarlyMetricCall[] {
    const entries = this.entries.splice(0);
    this.bySeries.clear();
    this.heldCalls = 0;
    return entries;
  }
}

/**
 * Merging is only for calls the replay will accept alike: a name string, a finite number and labels
 * that are absent or a plain dictionary. Anything else gets an entry of its own and is judged (and
 * warned about) at replay.
 */
function seriesKey(kind: MetricKind, name: unknown, labels: Value | undefined, value: unknown): string | undefined {
  if (typeof name !== 'string' || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (kind === 'counter' && value < 0) return undefined;
  // `labels` is normalised, so bounded in size: serialising it cannot blow up on a hostile graph.
  return `${kind}\u0000${name}\u0000${JSON.stringify(labels ?? null)}`;
}

/**
 * A bounded copy of labels that may be valid (absent, or a plain dictionary), taken at the call;
 * undefined for anything else, which is kept as given and refused at replay.
 */
function copyLabels(labels: unknown): { labels: Value | undefined } | undefined {
  if (labels === undefined || labels === null) return { labels: undefined };
  if (!isDictionary(labels)) return undefined;
  return { labels: normalizeValue(labels) };
}
