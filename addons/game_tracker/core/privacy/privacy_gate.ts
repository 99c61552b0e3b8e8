/**
 * What stands between a recorded event and its queue: the player's consent, spans that outlived a
 * withdrawal, and the game's `before_send` filter. The tracker asks it about every log record, span and
 * metric call; without a filter and with consent not refused, each answer is a comparison or two.
 */
import type { TrackerConfig } from '../config';
import type { LogRecord } from '../logs/log_record';
import type { MetricKind } from '../metrics/series';
import type { SpanRecord } from '../traces/span_record';
import type { DropReason } from '../types';
import { Consent } from './consent';
import { EventFilter } from './event_filter';
import { filterLog, filterMetric, filterSpan } from './filtered_records';
import type { MetricCall } from './filtered_records';

export class PrivacyGate {
  readonly consent = new Consent();
  /** Spans open when consent was withdrawn: dropped (no_consent) when they end. */
  private readonly withdrawnSpans = new WeakSet<object>();
  private filter: EventFilter | undefined;

  /** init's options: consent required or answered, and the filter. */
  configure(config: TrackerConfig, monotonicMs: () => number, warn: (kind: string, message: string) => void): void {
    this.consent.configure(config.requireConsent, config.savedConsent);
    this.filter = config.beforeSend === undefined ? undefined : new EventFilter(config.beforeSend, monotonicMs, warn);
  }

  forgetOpenSpans(spans: readonly object[]): void {
    for (const span of spans) this.withdrawnSpans.add(span);
  }

  log(record: LogRecord): LogRecord | DropReason {
    return this.filter === undefined ? record : filterLog(this.filter, record);
  }

  span(span: object, record: SpanRecord): SpanRecord | DropReason {
    if (this.withdrawnSpans.has(span) || this.consent.refused()) return 'no_consent';
    return this.filter === undefined ? record : filterSpan(this.filter, record);
  }

  metric(kind: MetricKind, call: MetricCall): MetricCall | DropReason {
    return this.filter === undefined ? call : filterMetric(this.filter, kind, call);
  }
}
