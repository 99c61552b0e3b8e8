/**
 * Aggregates metric calls in process, per series: counters keep cumulative totals, gauges the last
 * value, histograms bucket counts, sum and count. A push sends a snapshot of every series, so a lost
 * push loses no observation: the next one carries the same totals.
 */
import { LabelLookup } from './label_lookup';
import { MAX_LABEL_VALUE_LENGTH, counterName, sanitizeLabelName, sanitizeMetricName } from './names';
import type { Label, MetricFamily, MetricKind, Series } from './series';
import { bucketIndex, newSeries } from './series';

export interface RegistryLimits {
  readonly maxSeries: number;
  readonly maxSeriesPerMetric: number;
  /** Label names the tracker sets itself (game, session_id, ...): the game may not override them. */
  readonly reservedLabels: ReadonlySet<string>;
  bucketsFor(metricName: string): readonly number[];
  /** Device wall time, read when a series is created (its start time); without it series start at 0. */
  nowUnixMs?(): number;
  /** Advice that does not refuse the call (one per metric name): see COUNTER_LIKE_SUFFIX. */
  warn?(kind: string, message: string): void;
}

/**
 * Names Prometheus reserves for counters (`_total`) and histogram parts (`_bucket`, `_sum`, `_count`).
 * A gauge named so is still recorded, but tools read it as a counter: PromQL's rate() and the
 * aggregation tier (deploy/aggregation), which sums such series over sessions as counters.
 */
const COUNTER_LIKE_SUFFIX = /_(total|bucket|sum|count)$/;

/** Why an observation was refused; the tracker turns it into a warning and a counted drop. */
export interface Rejection {
  readonly reason: 'invalid' | 'limit';
  /** Groups warnings: one per kind of problem. */
  readonly kind: string;
  readonly message: string;
}

const EMPTY_LABELS: readonly Label[] = [];
/** The lookup cache holds at most this many spellings per series slot, so odd spellings cannot grow it without end. */
const LOOKUP_ENTRIES_PER_SERIES = 4;
/** Mimir's default `max_label_names_per_series` is 30; the tracker adds up to 6 (`__name__`, `le`, 4 of its own). */
export const MAX_LABELS_PER_SERIES = 24;

export class MetricRegistry {
  private readonly families = new Map<string, MetricFamily>();
  /** Families by wire name, to catch two game names that sanitise to the same Prometheus name. */
  private readonly wireNames = new Map<string, string>();
  private seriesCount = 0;

  constructor(private readonly limits: RegistryLimits) {}

  /** Every family, for encoding a push. */
  all(): Iterable<MetricFamily> {
    return this.families.values();
  }

  totalSeries(): number {
    return this.seriesCount;
  }

  /** Adds `by` to a counter; returns a rejection or undefined when recorded. */
  add(name: string, labels: Readonly<Record<string, unknown>> | undefined, by: number): Rejection | undefined {
    const found = this.find('counter', name, labels);
    if ('reason' in found) return found;
    found.value += by;
    return undefined;
  }

  set(name: string, labels: Readonly<Record<string, unknown>> | undefined, value: number): Rejection | undefined {
    const found = this.find('gauge', name, labels);
    if ('reason' in found) return found;
    found.value = value;
    return undefined;
  }

  observe(name: string, labels: Readonly<Record<string, unknown>> | undefined, value: number): Rejection | undefined {
    const found = this.find('histogram', name, labels);
    if ('reason' in found) return found;
    (found.bucketCounts as Float64Array)[bucketIndex(found.bounds, value)]! += 1;
    found.sum += value;
    found.count++;
    return undefined;
  }

  /**
   * The series itself, for the tracker's own metrics (health/auto_metrics.ts): resolved once, then
   * updated directly every frame without a lookup. Undefined when a cap or a clash refuses it.
   */
  series(kind: MetricKind, name: string, labels?: Readonly<Record<string, unknown>>): Series | undefined {
    const found = this.find(kind, name, labels);
    return 'reason' in found ? undefined : found;
  }

  private find(kind: MetricKind, name: string, labels: Readonly<Record<string, unknown>> | undefined): Series | Rejection {
    const family = this.families.get(name) ?? this.createFamily(kind, name);
    if ('reason' in family) return family;
    if (family.kind !== kind) {
      return { reason: 'invalid', kind: `type:${name}`, message: `metric "${name}" is a ${family.kind}; ${kind} call ignored` };
    }
    // The hot path: labels spelled as in an earlier call (a remembered spelling passed every check).
    const known = family.lookup.find(labels);
    if (known !== undefined) return known;
    const names = labels === undefined ? [] : Object.keys(labels);
    if (names.length > MAX_LABELS_PER_SERIES) {
      return { reason: 'invalid', kind: `too_many_labels:${name}`, message: `"${family.wireName}" got ${names.length} labels (at most ${MAX_LABELS_PER_SERIES}); observation dropped` };
    }
    return this.resolveSeries(family, labels);
  }

  private createFamily(kind: MetricKind, name: string): MetricFamily | Rejection {
    const sanitized = sanitizeMetricName(name);
    if (sanitized === undefined) {
      return { reason: 'invalid', kind: 'metric_name', message: `metric name "${name.slice(0, 80)}" is empty, too long or reserved; dropped` };
    }
    // Every family holds at least one series, so the series cap bounds the families too.
    if (this.families.size >= this.limits.maxSeries) return this.tooManySeries();
    const wireName = kind === 'counter' ? counterName(sanitized) : sanitized;
    // A histogram writes three names; a gauge called "h_sum" must not collide with histogram "h".
    const written = kind === 'histogram' ? [`${wireName}_bucket`, `${wireName}_sum`, `${wireName}_count`] : [wireName];
    for (const used of written) {
      const owner = this.wireNames.get(used);
      if (owner !== undefined) {
        return { reason: 'invalid', kind: `clash:${name}`, message: `metric "${name}" and "${owner}" both write "${used}"; dropped` };
      }
    }
    if (kind === 'gauge' && COUNTER_LIKE_SUFFIX.test(wireName)) {
      this.limits.warn?.(`gauge_name:${name}`, `gauge "${wireName}" ends like a counter or histogram series; Prometheus tools and the aggregation tier will treat it as one (rename it, e.g. "${wireName.replace(COUNTER_LIKE_SUFFIX, '')}" or "${wireName.replace(COUNTER_LIKE_SUFFIX, '_now')}")`);
    }
    const bounds = kind === 'histogram' ? this.limits.bucketsFor(name) : [];
    const family: MetricFamily = { kind, wireName, bounds, series: new Map(), lookup: new LabelLookup() };
    this.families.set(name, family);
    for (const used of written) this.wireNames.set(used, name);
    return family;
  }

  /** Finds the series these labels mean on the wire, creating it within the caps. */
  private resolveSeries(family: MetricFamily, raw: Readonly<Record<string, unknown>> | undefined): Series | Rejection {
    const labels = raw === undefined ? EMPTY_LABELS : this.toLabels(family, raw);
    if (!Array.isArray(labels)) return labels as Rejection;
    const wireKey = JSON.stringify(labels);
    const series = family.series.get(wireKey) ?? this.createSeries(family, wireKey, labels);
    if ('reason' in series) return series;
    family.lookup.remember(raw, series, LOOKUP_ENTRIES_PER_SERIES * this.limits.maxSeriesPerMetric);
    return series;
  }

  private createSeries(family: MetricFamily, wireKey: string, labels: readonly Label[]): Series | Rejection {
    if (this.seriesCount >= this.limits.maxSeries) return this.tooManySeries();
    if (family.series.size >= this.limits.maxSeriesPerMetric) {
      return {
        reason: 'limit',
        kind: `max_series_per_metric:${family.wireName}`,
        message: `metric "${family.wireName}" has more than ${this.limits.maxSeriesPerMetric} label sets; new ones dropped`,
      };
    }
    const startUnixMs = this.limits.nowUnixMs?.() ?? 0;
    const series = family.kind === 'histogram'
      ? newSeries(labels, family.bounds.length + 1, family.bounds, startUnixMs)
      : newSeries(labels, 0, undefined, startUnixMs);
    family.series.set(wireKey, series);
    this.seriesCount++;
    return series;
  }

  private tooManySeries(): Rejection {
    return { reason: 'limit', kind: 'max_series', message: `more than ${this.limits.maxSeries} metric series; new series dropped` };
  }

  /** Sanitised, sorted labels; empty values are left out (Prometheus treats them as absent). */
  private toLabels(family: MetricFamily, raw: Readonly<Record<string, unknown>>): readonly Label[] | Rejection {
    const labels: Label[] = [];
    for (const rawName of Object.keys(raw).sort()) {
      const name = sanitizeLabelName(rawName);
      const reserved = name !== undefined && (this.limits.reservedLabels.has(name) || (family.kind === 'histogram' && name === 'le'));
      if (name === undefined || reserved) {
        return { reason: 'invalid', kind: `label_name:${rawName}`, message: `label "${rawName.slice(0, 80)}" on "${family.wireName}" is invalid or reserved; observation dropped` };
      }
      const value = labelValue(raw[rawName]);
      if (value === '') continue;
      if (labels.some(([existing]) => existing === name)) {
        return { reason: 'invalid', kind: `label_clash:${name}`, message: `two labels of "${family.wireName}" both become "${name}"; observation dropped` };
      }
      labels.push([name, value]);
    }
    return labels.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}

function labelValue(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  return text.length > MAX_LABEL_VALUE_LENGTH ? text.slice(0, MAX_LABEL_VALUE_LENGTH) : text;
}
