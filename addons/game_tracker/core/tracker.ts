/**
 * The tracker: validates every call, records it, and leaves all network work to `tick()`, which the
 * host calls every frame. Every public method returns at once and never throws.
 */
import type { DeviceInfo, SpanHandle, Tracker, TrackerStats } from './api';
import { parseConfig } from './config';
import type { TrackerConfig } from './config';
import { TrackerContext } from './context';
import { ClockOffset } from './export/clock_offset';
import { sendFinal } from './export/final_send';
import { outboxStats } from './export/outbox';
import { SendTurns } from './export/send_turns';
import type { Outbox } from './export/outbox';
import { RandomWords, newUuidV4 } from './ids';
import { LOG_LEVEL_RANK } from './logs/log_record';
import { LogIntake } from './logs/log_intake';
import { EarlyCalls } from './early_calls';
import { applyMetricCall } from './metrics/metric_call';
import type { MetricKind } from './metrics/series';
import { truncate } from './normalize';
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

/**
 * created: before init, calls are kept (early buffer) and nothing is sent; running; closing: shutdown
 * is sending the rest; closed: after shutdown or quit, calls are counted as dropped (shutdown).
 */
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
  private readonly sendTurns = new SendTurns();
  private shutdownDeadlineMs = 0;
  private shutdownDone: (() => void) | undefined;
  /** What is recorded before init, moved into the pipeline init builds. */
  private readonly early: EarlyCalls;

  constructor(
    private readonly ports: TrackerPorts,
    device: DeviceInfo = {},
  ) {
    this.clock = new EventClock(ports.clock);
    this.warnings = new Warnings(ports.warn, () => ports.clock.monotonicMs());
    this.context = new TrackerContext(newUuidV4(ports.random), device);
    this.ids = new RandomWords(ports.random);
    // Before init, an early pipeline on the default limits holds logs and spans (nothing sends them).
    this.config = parseConfig(undefined).config;
    this.pipeline = this.buildPipeline();
    this.logs = this.buildLogIntake();
    this.early = new EarlyCalls(this.pipeline, this.config.queueLimit, this.clock.monotonicMs());
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
      this.phase = 'running';
      this.early.moveInto(before, this.pipeline, this.minLogRank, (call) => this.record(call.kind, call.name, call.labels, call.value, call.calls));
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
      if (!this.context.setContext(name, values)) this.warn('set_context', 'set_context expects a name and a dictionary (or null); ignored');
    });
  }

  set_tag(key: unknown, value: unknown): void {
    this.guard(() => {
      if (!this.context.setTag(key, value)) this.warn('set_tag', 'set_tag expects a non-empty key and a value (at most 64 tags); ignored');
    });
  }

  flush(): void {
    this.guard(() => {
      for (const signal of SIGNALS) this.forced.add(signal);
    });
  }

  shutdown(timeoutMs?: unknown, onDone?: () => void): void {
    this.guard(() => {
      if (this.phase === 'created') {
        // No endpoint was ever given: what the game recorded cannot go anywhere.
        this.closeUninitialised();
        onDone?.();
        return;
      }
      if (this.phase === 'closing' || this.phase === 'closed') {
        this.warn('shutdown_twice', 'shutdown called more than once');
        if (this.phase === 'closed') onDone?.();
        // A later caller (e.g. flush_and_quit after an earlier shutdown) must hear about completion too.
        else if (onDone !== undefined) this.shutdownDone = andThen(this.shutdownDone, onDone);
        return;
      }
      const wait = typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) ? Math.max(0, timeoutMs) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
      this.endOpenSpans('shutdown');
      this.phase = 'closing';
      this.shutdownDeadlineMs = this.clock.monotonicMs() + wait;
      this.shutdownDone = onDone;
      for (const signal of SIGNALS) this.forced.add(signal);
      this.tick();
    });
  }

  exit(): void {
    this.guard(() => {
      if (this.phase === 'closed') return;
      if (this.phase === 'created') return this.closeUninitialised();
      this.endOpenSpans('quit');
      this.phase = 'closed';
      this.shutdownDone = undefined;
      sendFinal(this.pipeline, this.config.quitTimeoutMs, { http: this.ports.blockingHttp, monotonicMs: () => this.clock.monotonicMs(), warn: (kind, message) => this.warn(kind, message) });
    });
  }

  tick(): void {
    this.guard(() => {
      if (this.phase === 'created') return this.early.remindIfForgotten(this.pipeline, this.clock.monotonicMs(), (kind, message) => this.warn(kind, message));
      if (this.phase === 'closed') return;
      const now = this.clock.monotonicMs();
      if (this.phase === 'running') this.logs.sweep(now);
      this.sendTurns.run(this.pipeline, this.forced, now, this.clock);
      if (this.phase === 'closing') this.checkShutdown(now);
    });
  }

  stats(): TrackerStats {
    const { logs, metrics, traces } = this.pipeline;
    const metricStats = outboxStats(metrics);
    metricStats.pending += this.early.metrics.calls;
    return { session_id: this.context.sessionId, logs: outboxStats(logs), metrics: metricStats, traces: outboxStats(traces) };
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
      if (this.phase === 'closing' || this.phase === 'closed') return this.refuseLate('logs');
      if (!this.logs.take(level, msg, data)) this.refuse('logs', 'throttled');
    } catch (error) {
      this.lost('logs', error);
    }
  }

  private metric(kind: MetricKind, name: unknown, labels: unknown, raw: unknown): void {
    try {
      const value = typeof raw === 'bigint' ? Number(raw) : raw;
      if (this.phase === 'running') return this.record(kind, name, labels, value, 1);
      if (this.phase !== 'created') return this.refuseLate('metrics');
      if (this.early.metrics.hold(kind, name, labels, value)) this.pipeline.metrics.books.produced++;
      else this.refuse('metrics', 'before_init');
    } catch (error) {
      this.lost('metrics', error);
    }
  }

  /** Validates and aggregates one metric call, or `calls` merged ones replayed from before init. */
  private record(kind: MetricKind, name: unknown, labels: unknown, value: unknown, calls: number): void {
    const rejection = applyMetricCall(this.pipeline.registry, kind, name, labels, value);
    if (rejection === undefined) return this.pipeline.metrics.recorded(calls);
    this.refuse('metrics', rejection.reason, calls);
    this.warn(rejection.kind, rejection.message);
  }

  private startSpan(name: unknown, attrs: unknown, parent: unknown): SpanHandle {
    if (this.phase === 'closing' || this.phase === 'closed') {
      this.refuseLate('traces');
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

  /** Open spans end (marked with why) and the log throttle's summaries are written, before a last send. */
  private endOpenSpans(why: string): void {
    this.openSpans.endAll(why);
    this.logs.sweep(this.clock.monotonicMs(), true);
  }

  /** Closes a tracker that never got init: there is nowhere to send, so all it held is dropped. */
  private closeUninitialised(): void {
    this.early.discard(this.pipeline);
    this.phase = 'closed';
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

  private refuseLate(signal: Signal): void {
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

  /** Counts `count` calls as produced and dropped at once. */
  private refuse(signal: Signal, reason: DropReason, count = 1): void {
    const books = this.outbox(signal).books;
    books.produced += count;
    books.drop(reason, count);
  }

  private guard(action: () => void): void {
    runGuarded(action, (error) => this.internalError(error));
  }

  private internalError(error: unknown): void {
    this.warn('internal', `internal error (please report): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function andThen(first: (() => void) | undefined, then: () => void): () => void {
  return () => {
    first?.();
    then();
  };
}

/** Creates a tracker for a host; nothing is sent until `init` and the host's first `tick`. */
export function createTracker(ports: TrackerPorts, device: DeviceInfo = {}): Tracker {
  return new GameTracker(ports, device);
}
