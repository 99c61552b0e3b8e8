/**
 * The tracker: validates every call, records it, and leaves all network work to `tick()`, which the
 * host calls every frame. Every public method returns at once and never throws.
 */
import type { DeviceInfo, SpanHandle, Tracker, TrackerStats } from './api';
import { parseConfig } from './config';
import type { TrackerConfig } from './config';
import { TrackerContext } from './context';
import { ClockOffset } from './export/clock_offset';
import { outboxStats } from './export/outbox';
import type { Outbox } from './export/outbox';
import { RandomWords, newUuidV4 } from './ids';
import { LOG_LEVEL_RANK } from './logs/log_record';
import { LogIntake } from './logs/log_intake';
import { isPlainRecord, truncate } from './normalize';
import { createPipeline } from './pipeline';
import type { Pipeline } from './pipeline';
import type { TrackerPorts } from './ports';
import { EventClock } from './time';
import { OpenSpans } from './traces/open_spans';
import { MAX_SPAN_NAME_LENGTH, Span } from './traces/span';
import type { SpanOwner } from './traces/span';
import type { SpanRecord } from './traces/span_record';
import type { DropReason, LogLevel, Signal } from './types';
import { SIGNALS } from './types';
import { Warnings } from './warnings';
import { runGuarded } from './guard';

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 2000;

type Phase = 'created' | 'running' | 'closing' | 'closed';

export class GameTracker implements Tracker, SpanOwner {
  private phase: Phase = 'created';
  private readonly clock: EventClock;
  private readonly warnings: Warnings;
  private readonly clockOffset = new ClockOffset();
  private readonly context: TrackerContext;
  private config: TrackerConfig;
  private pipeline: Pipeline;
  private logs: LogIntake;
  private minLogRank = 0;
  private readonly openSpans = new OpenSpans();
  /** Span and trace ids, drawn from the random port in chunks (see RandomWords). */
  readonly ids: RandomWords;
  private readonly forced = new Set<Signal>();
  private shutdownDeadlineMs = 0;
  private shutdownDone: (() => void) | undefined;

  constructor(
    private readonly ports: TrackerPorts,
    device: DeviceInfo = {},
  ) {
    this.clock = new EventClock(ports.clock);
    this.warnings = new Warnings(ports.warn, () => ports.clock.monotonicMs());
    this.context = new TrackerContext(newUuidV4(ports.random), device);
    this.ids = new RandomWords(ports.random);
    // A pipeline exists from the start so that calls before init are counted in the same books.
    this.config = parseConfig(undefined).config;
    this.pipeline = this.buildPipeline();
    this.logs = this.buildLogIntake();
  }

  init(options: unknown): void {
    this.guard(() => {
      if (this.phase !== 'created') {
        this.warn('init_twice', 'init called again; the first configuration stays in force');
        return;
      }
      const { config, problems } = parseConfig(options);
      for (const problem of problems) this.warn(`config:${problem}`, `init: ${problem}`);
      const before = this.pipeline;
      this.config = config;
      this.minLogRank = LOG_LEVEL_RANK[config.minLogLevel];
      this.pipeline = this.buildPipeline();
      this.logs = this.buildLogIntake();
      for (const signal of SIGNALS) this.carryBooks(before[signal], this.outbox(signal));
      this.phase = 'running';
    });
  }

  log_debug(msg: unknown, data?: unknown): void {
    this.log('debug', msg, data);
  }
  log_info(msg: unknown, data?: unknown): void {
    this.log('info', msg, data);
  }
  log_warn(msg: unknown, data?: unknown): void {
    this.log('warn', msg, data);
  }
  log_error(msg: unknown, data?: unknown): void {
    this.log('error', msg, data);
  }

  increment(name: unknown, labels?: unknown, by: unknown = 1): void {
    this.metric('counter', name, labels, by);
  }
  gauge(name: unknown, value: unknown, labels?: unknown): void {
    this.metric('gauge', name, labels, value);
  }
  histogram(name: unknown, value: unknown, labels?: unknown): void {
    this.metric('histogram', name, labels, value);
  }

  start_span(name: unknown, attrs?: unknown, parent?: unknown): SpanHandle {
    try {
      return this.startSpan(name, attrs, parent);
    } catch (error) {
      this.lost('traces', error);
      return Span.unrecorded(this.ids, undefined);
    }
  }

  set_user(user: unknown): void {
    this.guard(() => {
      if (!this.context.setUser(user)) this.warn('set_user', 'set_user expects an id, a dictionary or null; ignored');
    });
  }

  set_context(name: unknown, values: unknown): void {
    this.guard(() => {
      if (typeof name !== 'string' || name === '' || !this.context.setContext(name, values)) {
        this.warn('set_context', 'set_context expects a name and a dictionary (or null); ignored');
      }
    });
  }

  set_tag(key: unknown, value: unknown): void {
    this.guard(() => {
      if (typeof key !== 'string' || key === '' || !this.context.setTag(key, value)) {
        this.warn('set_tag', 'set_tag expects a non-empty key and a value (at most 64 tags); ignored');
      }
    });
  }

  flush(): void {
    this.guard(() => {
      for (const signal of SIGNALS) this.forced.add(signal);
    });
  }

  shutdown(timeoutMs?: unknown, onDone?: () => void): void {
    this.guard(() => {
      if (this.phase === 'closing' || this.phase === 'closed') {
        this.warn('shutdown_twice', 'shutdown called more than once');
        if (this.phase === 'closed') onDone?.();
        else if (onDone !== undefined) {
          // A later caller (e.g. flush_and_quit after an earlier shutdown) must hear about completion too.
          const earlier = this.shutdownDone;
          this.shutdownDone = () => {
            earlier?.();
            onDone();
          };
        }
        return;
      }
      const wait = typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) ? Math.max(0, timeoutMs) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
      for (const span of this.openSpans.toArray()) {
        span.set_attribute('game_tracker.ended_by', 'shutdown');
        span.end();
      }
      this.logs.sweep(this.clock.monotonicMs(), true);
      this.phase = 'closing';
      this.shutdownDeadlineMs = this.clock.monotonicMs() + wait;
      this.shutdownDone = onDone;
      for (const signal of SIGNALS) this.forced.add(signal);
      this.tick();
    });
  }

  tick(): void {
    this.guard(() => {
      if (this.phase === 'created' || this.phase === 'closed') return;
      const now = this.clock.monotonicMs();
      if (this.phase === 'running') this.logs.sweep(now);
      for (const signal of SIGNALS) {
        const channel = this.pipeline.channels[signal];
        if (channel.busy() || channel.paused(now)) continue;
        // Until a receiver has told us its time, logs and spans wait for the metrics probe's answer.
        if (signal !== 'metrics' && this.pipeline.metrics.probing() && !this.forced.has(signal)) continue;
        const outbox = this.outbox(signal);
        if (outbox.due(now, this.forced.has(signal))) outbox.send(now);
        this.forced.delete(signal);
      }
      if (this.phase === 'closing') this.checkShutdown(now);
    });
  }

  stats(): TrackerStats {
    const { logs, metrics, traces } = this.pipeline;
    return { session_id: this.context.sessionId, logs: outboxStats(logs), metrics: outboxStats(metrics), traces: outboxStats(traces) };
  }

  // SpanOwner

  nowUnixMs(): number {
    return this.clock.nowUnixMs();
  }

  finish(span: Span, record: SpanRecord): void {
    this.openSpans.delete(span);
    if (this.phase === 'closed') {
      this.refuse('traces', 'shutdown');
      return;
    }
    this.pipeline.traces.add(record);
  }

  warn(kind: string, message: string): void {
    this.warnings.warn(kind, message);
  }

  // Internals

  private log(level: LogLevel, msg: unknown, data: unknown): void {
    try {
      if (LOG_LEVEL_RANK[level] < this.minLogRank) return;
      if (this.phase !== 'running') return this.refuseEarlyOrLate('logs');
      if (!this.logs.take(level, msg, data)) this.refuse('logs', 'throttled');
    } catch (error) {
      this.lost('logs', error);
    }
  }

  private metric(kind: 'counter' | 'gauge' | 'histogram', name: unknown, labels: unknown, raw: unknown): void {
    try {
      if (this.phase !== 'running') return this.refuseEarlyOrLate('metrics');
      const value = typeof raw === 'bigint' ? Number(raw) : raw;
      const { metrics, registry } = this.pipeline;
      if (typeof name !== 'string') return this.invalid('metrics', 'metric_name_type', `${kind} needs a metric name string`);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return this.invalid('metrics', `value:${name}`, `${kind} "${name.slice(0, 80)}" got a value that is not a finite number; dropped`);
      }
      if (kind === 'counter' && value < 0) return this.invalid('metrics', `negative:${name}`, `increment "${name.slice(0, 80)}" by a negative amount; dropped`);
      if (labels !== undefined && labels !== null && (typeof labels !== 'object' || Array.isArray(labels) || !isPlainRecord(labels))) {
        return this.invalid('metrics', `labels:${name}`, `labels of "${name.slice(0, 80)}" must be a dictionary; dropped`);
      }
      const plain = (labels ?? undefined) as Readonly<Record<string, unknown>> | undefined;
      const rejection = kind === 'counter' ? registry.add(name, plain, value) : kind === 'gauge' ? registry.set(name, plain, value) : registry.observe(name, plain, value);
      if (rejection === undefined) return metrics.recorded();
      this.refuse('metrics', rejection.reason);
      this.warn(rejection.kind, rejection.message);
    } catch (error) {
      this.lost('metrics', error);
    }
  }

  private startSpan(name: unknown, attrs: unknown, parent: unknown): SpanHandle {
    if (this.phase !== 'running') {
      this.refuseEarlyOrLate('traces');
      return Span.unrecorded(this.ids, undefined);
    }
    let parentSpan: Span | undefined;
    if (parent instanceof Span) parentSpan = parent;
    else if (parent !== undefined && parent !== null) this.warn('span_parent', 'start_span: parent is not a span from this tracker; starting a new trace');
    if (this.openSpans.size >= this.config.maxOpenSpans) {
      this.refuse('traces', 'limit');
      this.warn('max_open_spans', `more than ${this.config.maxOpenSpans} spans open (never ended?); new spans are not recorded`);
      return Span.unrecorded(this.ids, parentSpan);
    }
    const spanName = typeof name === 'string' && name !== '' ? truncate(name, MAX_SPAN_NAME_LENGTH) : 'unnamed';
    if (spanName === 'unnamed' && name !== 'unnamed') this.warn('span_name', 'start_span needs a name string; using "unnamed"');
    const span = new Span(this, parentSpan, spanName, this.clock.nowUnixMs(), this.context.spanAttributes(), attrs);
    this.openSpans.add(span);
    return span;
  }

  private checkShutdown(now: number): void {
    const idle = SIGNALS.every((s) => !this.pipeline.channels[s].busy() && !this.forced.has(s));
    if (!idle && now < this.shutdownDeadlineMs) return;
    for (const signal of SIGNALS) this.outbox(signal).abandon('shutdown');
    this.phase = 'closed';
    const done = this.shutdownDone;
    this.shutdownDone = undefined;
    done?.();
  }

  private outbox(signal: Signal): Outbox {
    return this.pipeline[signal];
  }

  private buildPipeline(): Pipeline {
    const env = {
      http: this.ports.http,
      clockOffset: this.clockOffset,
      monotonicMs: () => this.clock.monotonicMs(),
      deviceUnixMs: () => this.clock.nowUnixMs(),
      warn: (kind: string, message: string) => this.warn(kind, message),
    };
    return createPipeline(this.config, this.context, env, this.clock.monotonicMs());
  }

  private carryBooks(from: Outbox, to: Outbox): void {
    to.books.produced += from.books.produced;
    for (const [reason, count] of Object.entries(from.books.dropped)) to.books.drop(reason as DropReason, count);
  }

  private refuseEarlyOrLate(signal: Signal): void {
    if (this.phase === 'created') return this.invalid(signal, 'before_init', 'called before init; call GameTracker.init({...}) first. Dropped');
    this.refuse(signal, 'shutdown');
    this.warn('after_shutdown', 'called after shutdown; dropped');
  }

  private buildLogIntake(): LogIntake {
    return new LogIntake(this.config, this.context, this.clock, (record) => this.pipeline.logs.add(record));
  }

  /** A call that failed inside the tracker still counts: produced, and dropped as invalid. */
  private lost(signal: Signal, error: unknown): void {
    this.refuse(signal, 'invalid');
    this.internalError(error);
  }

  private invalid(signal: Signal, kind: string, message: string): void {
    this.refuse(signal, 'invalid');
    this.warn(kind, message);
  }

  private refuse(signal: Signal, reason: DropReason): void {
    const books = this.outbox(signal).books;
    books.produced++;
    books.drop(reason);
  }

  private guard(action: () => void): void {
    runGuarded(action, (error) => this.internalError(error));
  }

  private internalError(error: unknown): void {
    this.warn('internal', `internal error (please report): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Creates a tracker for a host; nothing is sent until `init` and the host's first `tick`. */
export function createTracker(ports: TrackerPorts, device: DeviceInfo = {}): Tracker {
  return new GameTracker(ports, device);
}
