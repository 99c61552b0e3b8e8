/**
 * One session's plumbing: its context (session id, user, tags, device), the pipeline that queues and
 * sends its signals, and the log intake that feeds it. Rebuilt at init (the game's configuration) and
 * when the player withdraws consent (a new session); a pipeline replaced while requests of its were in
 * flight is kept for the books (see retired_pipelines.ts).
 */
import type { DeviceInfo, SignalStats } from './api';
import type { TrackerConfig } from './config';
import { TrackerContext } from './context';
import type { ClockOffset } from './export/clock_offset';
import { outboxStats } from './export/outbox';
import { RetiredPipelines } from './export/retired_pipelines';
import { newUuidV4 } from './ids';
import { LogIntake } from './logs/log_intake';
import type { LogRecord } from './logs/log_record';
import type { PrivacyGate } from './privacy/privacy_gate';
import type { SpanRecord } from './traces/span_record';
import { EarlyCalls } from './early_calls';
import { AutoMetrics, NOTHING_CAPTURED } from './health/auto_metrics';
import { EngineErrorLog } from './health/engine_errors';
import type { EngineErrorLine, EngineErrorReport } from './health/engine_errors';
import { createPipeline } from './pipeline';
import type { Pipeline } from './pipeline';
import type { TrackerPorts } from './ports';
import type { EventClock } from './time';
import type { DropReason, Signal } from './types';
import { SIGNALS } from './types';

export interface SessionEnv {
  readonly ports: TrackerPorts;
  readonly clock: EventClock;
  readonly clockOffset: ClockOffset;
  /** What every record passes on its way to a queue. */
  readonly privacy: PrivacyGate;
  warn(kind: string, message: string): void;
}

export class Session {
  context: TrackerContext;
  pipeline!: Pipeline;
  logs!: LogIntake;
  /** What is recorded before init, moved into the pipeline init builds. */
  early: EarlyCalls;
  /** What the tracker records by itself (sessions, frame health, its own books); nothing before init. */
  auto = new AutoMetrics(NOTHING_CAPTURED);
  private readonly retired = new RetiredPipelines();
  private readonly engineErrors = new EngineErrorLog();

  constructor(
    private readonly env: SessionEnv,
    device: DeviceInfo,
    config: TrackerConfig,
  ) {
    this.context = new TrackerContext(newUuidV4(env.ports.random), device);
    this.rebuild(config);
    this.early = new EarlyCalls(this.pipeline, config.queueLimit, env.clock.monotonicMs());
  }

  /** init: the same session under the game's configuration; returns the early pipeline it replaces. */
  configure(config: TrackerConfig): Pipeline {
    this.context.restrict(config.privacy);
    const early = this.pipeline;
    this.auto = new AutoMetrics(config.capture);
    this.rebuild(config);
    this.auto.start(this.pipeline.registry, this.context.device);
    return early;
  }

  /**
   * Consent withdrawn: what the old pipeline holds is discarded (no_consent), and a new session id, a
   * context without the user and a new pipeline (an early one before init) take over. Requests already
   * in flight settle on the old pipeline, kept for the books.
   */
  renew(config: TrackerConfig, beforeInit: boolean): void {
    this.abandonAll('no_consent');
    if (beforeInit) this.early.discard(this.pipeline, 'no_consent');
    this.retired.add(this.pipeline);
    this.context = this.context.renewed(newUuidV4(this.env.ports.random));
    this.rebuild(config);
    if (beforeInit) this.early = new EarlyCalls(this.pipeline, config.queueLimit, this.env.clock.monotonicMs());
    else this.auto.start(this.pipeline.registry, this.context.device);
  }

  /** The engine's monitors, every few seconds when frame health is on (a few native calls then). */
  sampleMonitors(nowMs: number): void {
    const read = this.env.ports.monitors;
    if (read !== undefined && this.auto.monitorsDue(nowMs)) this.auto.monitors(read());
  }

  /** A clean end (quit or shutdown): the session says so in the last metrics it sends. */
  endCleanly(): void {
    this.auto.end(() => this.stats());
    this.pipeline.metrics.ownSeriesTouched();
  }

  /** Drops everything queued and not yet in flight, for one reason. */
  abandonAll(reason: DropReason): void {
    for (const signal of SIGNALS) this.pipeline[signal].abandon(reason);
  }

  /** Every log record on its way to the queue, through the privacy gate. */
  queueLog(record: LogRecord): void {
    const kept = this.env.privacy.log(record);
    if (typeof kept === 'string') this.refuse('logs', kept);
    else this.pipeline.logs.add(kept);
  }

  /** A finished span on its way to the queue, through the privacy gate. */
  queueSpan(span: object, record: SpanRecord): void {
    const kept = this.env.privacy.span(span, record);
    if (typeof kept === 'string') this.refuse('traces', kept);
    else this.pipeline.traces.add(kept);
  }

  /** An engine or script error: a log line the first time in a window, then counted (engine_errors.ts). */
  engineError(report: EngineErrorReport, nowMs: number, log: (line: EngineErrorLine) => void): void {
    if (report.lostBefore !== undefined && report.lostBefore > 0) this.refuse('logs', 'limit', report.lostBefore);
    const taken = this.engineErrors.take(report, nowMs, log);
    if (taken === 'repeat') this.refuse('logs', 'throttled');
    else if (taken === 'over_limit') this.refuse('logs', 'limit');
    else log(taken);
  }

  /** The log throttle's and the engine errors' summaries of the windows that closed (all of them with `everything`). */
  sweep(nowMs: number, log: (line: EngineErrorLine) => void, everything = false): void {
    this.logs.sweep(nowMs, everything);
    this.engineErrors.sweep(nowMs, log, everything);
  }

  /** Counts `count` calls as produced and dropped at once. */
  refuse(signal: Signal, reason: DropReason, count = 1): void {
    const books = this.pipeline[signal].books;
    books.produced += count;
    books.drop(reason, count);
  }

  /** Per signal, with the metric calls held before init pending and the retired pipelines' books added. */
  stats(): Record<Signal, SignalStats> {
    const { logs, metrics, traces } = this.pipeline;
    const metricStats = outboxStats(metrics);
    metricStats.pending += this.early.metrics.calls;
    return this.retired.addedTo({ logs: outboxStats(logs), metrics: metricStats, traces: outboxStats(traces) }, this.pipeline);
  }

  private rebuild(config: TrackerConfig): void {
    const { env } = this;
    const channelEnv = {
      http: env.ports.http,
      clockOffset: env.clockOffset,
      monotonicMs: () => env.clock.monotonicMs(),
      deviceUnixMs: () => env.clock.nowUnixMs(),
      warn: (kind: string, message: string) => env.warn(kind, message),
      beforeMetricsSnapshot: () => this.auto.refresh(() => this.stats()),
      ownMetricsChanged: () => this.auto.changed,
    };
    this.pipeline = createPipeline(config, this.context, channelEnv, env.clock.monotonicMs());
    this.logs = new LogIntake(config, this.context, env.clock, (record) => this.queueLog(record));
  }
}
