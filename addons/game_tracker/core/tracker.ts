/**
 * The tracker: validates every call, records it, and leaves all network work to `tick()`, which the
 * host calls every frame. Every public method returns at once and never throws.
 */
import type { DeviceInfo, SpanHandle, Tracker, TrackerStats } from './api';
import { parseConfig } from './config';
import type { TrackerConfig } from './config';
import { ClockOffset } from './export/clock_offset';
import { sendFinal } from './export/final_send';
import { SendTurns } from './export/send_turns';
import { RandomWords } from './ids';
import { LOG_LEVEL_RANK } from './logs/log_record';
import { applyMetricCall } from './metrics/metric_call';
import type { MetricKind } from './metrics/series';
import { truncate } from './normalize';
import type { TrackerPorts } from './ports';
import { EventClock } from './time';
import { OpenSpans } from './traces/open_spans';
import { MAX_SPAN_NAME_LENGTH, Span } from './traces/span';
import type { SpanOwner } from './traces/span';
import type { SpanRecord } from './traces/span_record';
import type { LogLevel, Signal } from './types';
import { SIGNALS } from './types';
import { Warnings } from './warnings';
import { runGuarded } from './guard';
import { cleanLogRecord, cleanSpanRecord } from './privacy/device_fields';
import type { EngineErrorLine, EngineErrorReport } from './health/engine_errors';
import { PrivacyGate } from './privacy/privacy_gate';
import { Session } from './session';

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
  private config: TrackerConfig;
  /** Context, pipeline and log intake: rebuilt at init and when consent is withdrawn. */
  private readonly session: Session;
  private minLogRank = 0;
  private readonly openSpans = new OpenSpans();
  /** Span and trace ids, drawn from the random port in chunks (see RandomWords). */
  readonly ids: RandomWords;
  private readonly forced = new Set<Signal>();
  private readonly sendTurns = new SendTurns();
  private shutdownDeadlineMs = 0;
  /** Who waits for the shutdown to finish (a later caller, e.g. flush_and_quit, as well). */
  private readonly shutdownDone: (() => void)[] = [];
  /** Consent, spans that outlived a withdrawal, and the game's `before_send`. */
  private readonly privacy = new PrivacyGate();
  private readonly consent = this.privacy.consent;

  constructor(
    private readonly ports: TrackerPorts,
    device: DeviceInfo = {},
  ) {
    this.clock = new EventClock(ports.clock);
    this.warnings = new Warnings(ports.warn, () => ports.clock.monotonicMs());
    this.ids = new RandomWords(ports.random);
    // Before init, an early pipeline on the default limits holds logs and spans (nothing sends them).
    this.config = parseConfig(undefined).config;
    const sessionEnv = { ports, clock: this.clock, clockOffset: this.clockOffset, privacy: this.privacy, warn: (kind: string, message: string) => this.warn(kind, message) };
    this.session = new Session(sessionEnv, device, this.config);
  }

  init(options: unknown): void {
    this.guard(() => {
      if (this.phase !== 'created') {
        this.warn('init_twice', 'init called again; the first configuration stays in force');
        return;
      }
      const { config, problems } = parseConfig(options);
      for (const problem of problems) this.warn(`config:${problem}`, `init: ${problem}`);
      this.config = config;
      this.privacy.configure(config, () => this.clock.monotonicMs(), (kind, message) => this.warn(kind, message));
      this.minLogRank = LOG_LEVEL_RANK[config.minLogLevel];
      const before = this.session.configure(config);
      this.phase = 'running';
      // A refusal known before init (a saved choice, or set_consent(false) before it) discards what was held.
      if (this.consent.refused()) this.session.early.discard(before, 'no_consent');
      this.session.early.moveInto(before, this.session.pipeline, this.minLogRank, {
        log: (record) => this.session.queueLog(cleanLogRecord(record, config.privacy)),
        span: (record) => this.session.queueSpan(record, cleanSpanRecord(record, config.privacy)),
        metric: (call) => this.record(call.kind, call.name, call.labels, call.value, call.calls),
      });
    });
  }

  /**
   * The player's answer: true sends what was held and everything after; false stops all sending at
   * once, discards what is queued (no_consent), and ends the session (a later grant starts a new one).
   */
  set_consent(granted: unknown): void {
    this.guard(() => {
      if (typeof granted !== 'boolean') return this.warn('set_consent', 'set_consent expects true or false; ignored');
      if (this.consent.answerWith(granted) === 'withdrawn') this.withdraw();
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
    this.guard(() => this.session.context.setUser(user) || this.warn('set_user', 'set_user expects an id, a dictionary or null; ignored'));
  }

  set_context(name: unknown, values: unknown): void {
    this.guard(() => this.session.context.setContext(name, values) || this.warn('set_context', 'set_context expects a name and a dictionary (or null); ignored'));
  }

  set_tag(key: unknown, value: unknown): void {
    this.guard(() => this.session.context.setTag(key, value) || this.warn('set_tag', 'set_tag expects a non-empty key and a value (at most 64 tags); ignored'));
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
        else if (onDone !== undefined) this.shutdownDone.push(onDone);
        return;
      }
      const wait = typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) ? Math.max(0, timeoutMs) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
      this.endOpenSpans('shutdown');
      if (!this.consent.allowsSending()) {
        this.closeWithoutConsent();
        onDone?.();
        return;
      }
      this.session.endCleanly();
      this.phase = 'closing';
      this.shutdownDeadlineMs = this.clock.monotonicMs() + wait;
      if (onDone !== undefined) this.shutdownDone.push(onDone);
      for (const signal of SIGNALS) this.forced.add(signal);
      this.tick();
    });
  }

  exit(): void {
    this.guard(() => {
      if (this.phase === 'closed') return;
      if (this.phase === 'created') return this.closeUninitialised();
      this.endOpenSpans('quit');
      if (!this.consent.allowsSending()) return this.closeWithoutConsent();
      this.session.endCleanly();
      this.phase = 'closed';
      this.shutdownDone.length = 0;
      sendFinal(this.session.pipeline, this.config.quitTimeoutMs, { http: this.ports.blockingHttp, monotonicMs: () => this.clock.monotonicMs(), warn: (kind, message) => this.warn(kind, message) });
    });
  }

  tick(): void {
    this.guard(() => {
      if (this.phase === 'created') return this.session.early.remindIfForgotten(this.session.pipeline, this.clock.monotonicMs(), (kind, message) => this.warn(kind, message));
      if (this.phase === 'closed') return;
      const now = this.clock.monotonicMs();
      if (this.phase === 'running') {
        this.session.sweep(now, this.logLine);
        this.session.sampleMonitors(now);
      }
      // Until the player grants consent, everything stays on the device.
      if (!this.consent.allowsSending()) return;
      this.sendTurns.run(this.session.pipeline, this.forced, now, this.clock);
      if (this.phase === 'closing') this.checkShutdown(now);
    });
  }

  /** Every frame: arithmetic on the session's own series, nothing that can throw (no guard's closure). */
  frame(deltaMs: number): void {
    if (this.phase === 'running') this.session.auto.frame(deltaMs);
  }

  resumed(): void {
    this.session.auto.resumed();
  }

  engine_error(report: EngineErrorReport): void {
    this.guard(() => this.session.engineError(report, this.clock.monotonicMs(), this.logLine));
  }

  /** An engine error's line (or its summary) through the ordinary log path. */
  private readonly logLine = (line: EngineErrorLine): void => this.log(line.level, line.msg, line.data);

  stats(): TrackerStats {
    return { session_id: this.session.context.sessionId, consent: this.consent.state(), ...this.session.stats() };
  }

  // SpanOwner

  nowUnixMs(): number {
    return this.clock.nowUnixMs();
  }

  finish(span: Span, record: SpanRecord): void {
    this.openSpans.delete(span);
    if (this.phase === 'closed') return this.session.refuse('traces', 'shutdown');
    this.session.queueSpan(span, record);
  }

  warn(kind: string, message: string): void {
    this.warnings.warn(kind, message);
  }

  // Internals

  private log(level: LogLevel, msg: unknown, data: unknown): void {
    try {
      if (LOG_LEVEL_RANK[level] < this.minLogRank) return;
      if (this.phase === 'closing' || this.phase === 'closed') return this.refuseLate('logs');
      if (this.consent.refused()) return this.session.refuse('logs', 'no_consent');
      if (!this.session.logs.take(level, msg, data)) this.session.refuse('logs', 'throttled');
    } catch (error) {
      this.lost('logs', error);
    }
  }

  private metric(kind: MetricKind, name: unknown, labels: unknown, raw: unknown): void {
    try {
      const value = typeof raw === 'bigint' ? Number(raw) : raw;
      if (this.consent.refused() && this.phase !== 'closed') return this.session.refuse('metrics', 'no_consent');
      if (this.phase === 'running') return this.record(kind, name, labels, value, 1);
      if (this.phase !== 'created') return this.refuseLate('metrics');
      if (this.session.early.metrics.hold(kind, name, labels, value)) this.session.pipeline.metrics.books.produced++;
      else this.session.refuse('metrics', 'before_init');
    } catch (error) {
      this.lost('metrics', error);
    }
  }

  /** Validates and aggregates one metric call, or `calls` merged ones replayed from before init. */
  private record(kind: MetricKind, name: unknown, labels: unknown, value: unknown, calls: number): void {
    const call = this.privacy.metric(kind, { name, labels, value });
    if (typeof call === 'string') return this.session.refuse('metrics', call, calls);
    const rejection = applyMetricCall(this.session.pipeline.registry, kind, call.name, call.labels, call.value);
    if (rejection === undefined) return this.session.pipeline.metrics.recorded(calls);
    this.session.refuse('metrics', rejection.reason, calls);
    this.warn(rejection.kind, rejection.message);
  }

  private startSpan(name: unknown, attrs: unknown, parent: unknown): SpanHandle {
    if (this.phase === 'closing' || this.phase === 'closed') {
      this.refuseLate('traces');
      return Span.unrecorded(this.ids, undefined);
    }
    if (this.consent.refused()) {
      this.session.refuse('traces', 'no_consent');
      return Span.unrecorded(this.ids, undefined);
    }
    let parentSpan: Span | undefined;
    if (parent instanceof Span) parentSpan = parent;
    else if (parent !== undefined && parent !== null) this.warn('span_parent', 'start_span: parent is not a span from this tracker; starting a new trace');
    if (this.openSpans.size >= this.config.maxOpenSpans) {
      this.session.refuse('traces', 'limit');
      this.warn('max_open_spans', `more than ${this.config.maxOpenSpans} spans open (never ended?); new spans are not recorded`);
      return Span.unrecorded(this.ids, parentSpan);
    }
    const spanName = typeof name === 'string' && name !== '' ? truncate(name, MAX_SPAN_NAME_LENGTH) : 'unnamed';
    if (spanName === 'unnamed' && name !== 'unnamed') this.warn('span_name', 'start_span needs a name string; using "unnamed"');
    const span = new Span(this, parentSpan, spanName, this.clock.nowUnixMs(), this.session.context.spanAttributes(), attrs);
    this.openSpans.add(span);
    return span;
  }

  /** Open spans end (marked with why) and the log throttle's summaries are written, before a last send. */
  private endOpenSpans(why: string): void {
    this.openSpans.endAll(why);
    this.session.sweep(this.clock.monotonicMs(), this.logLine, true);
  }

  /** Closes a tracker that never got init: there is nowhere to send, so all it held is dropped. */
  private closeUninitialised(): void {
    this.session.early.discard(this.session.pipeline, this.consent.refused() ? 'no_consent' : 'before_init');
    this.phase = 'closed';
  }

  /** The game ends, or shuts the tracker down, before the player granted consent: nothing leaves. */
  private closeWithoutConsent(): void {
    this.session.abandonAll('no_consent');
    this.phase = 'closed';
    this.shutdownDone.length = 0;
  }

  /**
   * Consent refused or withdrawn: what is queued is discarded, spans still open are dropped when they
   * end, and a new session (id, context without the user, pipeline) takes over; requests already in
   * flight finish on the retired pipeline, whose books stay in stats().
   */
  private withdraw(): void {
    if (this.phase === 'closed') return;
    if (this.phase === 'closing') return this.session.abandonAll('no_consent');
    this.privacy.forgetOpenSpans(this.openSpans.takeAll());
    this.forced.clear();
    this.session.renew(this.config, this.phase === 'created');
  }

  private checkShutdown(now: number): void {
    const idle = SIGNALS.every((s) => !this.session.pipeline.channels[s].busy() && !this.forced.has(s));
    if (!idle && now < this.shutdownDeadlineMs) return;
    this.session.abandonAll('shutdown');
    this.phase = 'closed';
    for (const done of this.shutdownDone.splice(0)) done();
  }

  private refuseLate(signal: Signal): void {
    this.session.refuse(signal, 'shutdown');
    this.warn('after_shutdown', 'called after shutdown; dropped');
  }

  /** A call that failed inside the tracker still counts: produced, and dropped as invalid. */
  private lost(signal: Signal, error: unknown): void {
    this.session.refuse(signal, 'invalid');
    this.internalError(error);
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
