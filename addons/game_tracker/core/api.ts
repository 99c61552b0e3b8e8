/**
 * The public surface of the tracker, as game code sees it. The GodotJS autoload forwards its methods
 * 1:1 to these (GDScript Dictionaries and Godot values are converted to plain data first).
 * Every method returns at once and never throws.
 */
import type { EngineErrorReport } from './health/engine_errors';
import type { ConsentState } from './privacy/consent';
import type { DropReason, LogLevel, Signal } from './types';

/** What `init` accepts. Unknown keys are ignored with a warning; bad values are clamped with a warning. */
export interface TrackerOptions {
  /** Base URL; the per-signal paths are appended unless overridden below. */
  endpoint?: string;
  /**
   * `native` (default): Loki push, Prometheus remote write and OTLP JSON traces, each backend's own
   * format. `otlp`: all three signals as OTLP/HTTP protobuf to `/v1/logs`, `/v1/metrics`, `/v1/traces`.
   */
  protocol?: 'native' | 'otlp';
  game?: string;
  version?: string;
  environment?: string;
  logs_url?: string;
  metrics_url?: string;
  traces_url?: string;
  /** Extra request headers (e.g. Authorization). Never written to warnings. */
  headers?: Record<string, string>;
  flush_interval_ms?: number;
  batch_size?: number;
  queue_limit?: number;
  request_timeout_ms?: number;
  /** Upper bounds of the histogram buckets (`le`), ascending; `+Inf` is always added. */
  histogram_buckets?: number[];
  /** Per-metric overrides of `histogram_buckets`, keyed by the metric name given to `histogram`. */
  histogram_buckets_by_metric?: Record<string, number[]>;
  /** Lowest level sent; lower levels cost next to nothing. */
  min_log_level?: LogLevel;
  /** Add a `session_id` label to every metric series so that clients never overwrite each other. */
  metrics_session_label?: boolean;
  /** Cardinality guards. */
  max_series?: number;
  max_series_per_metric?: number;
  max_open_spans?: number;
  /**
   * Opt-in throttle for a log line repeated every frame: the same level and message may go out this
   * many times per `log_repeat_window_ms` (default 0: off). Repeats beyond it are counted as dropped
   * (`throttled`) and summarised by one line when the window closes.
   */
  log_repeat_limit?: number;
  log_repeat_window_ms?: number;
  /**
   * When the game quits, what is still queued is sent with blocking requests for at most this long
   * in all (default 2000 ms; 0 sends nothing and counts it as dropped: shutdown).
   */
  quit_timeout_ms?: number;
  /** Nothing leaves the device until `set_consent(true)` (or `consent: true`); default false. */
  require_consent?: boolean;
  /** The player's earlier answer, saved by the game: true or false, null when not asked yet. */
  consent?: boolean | null;
  /** The device fields sent with every event: true (all, default), false (none), or a list of names. */
  device_context?: boolean | string[];
  /** `set_user` keeps only the id (names, emails and other fields are never recorded). */
  user_id_only?: boolean;
  /** Called with each event before it is queued; returns it (changed or not), or nothing to drop it. */
  before_send?: (event: Record<string, unknown>) => unknown;
  /** Turns on everything below (and, in the Godot addon, `engine_errors`). */
  auto_capture?: boolean;
  /** Sessions and release health: started, active, ended cleanly, foreground length. */
  sessions?: boolean;
  /** A frame-time histogram, a hitch counter and engine monitors, recorded on the device. */
  frame_health?: boolean;
  /** The tracker's own books (produced, sent, dropped by reason) as metrics. */
  telemetry_health?: boolean;
  /** A frame longer than this many ms counts as a hitch (default 50). */
  hitch_ms?: number;
}

/**
 * Device context the host gathers once (the Godot adapter reads OS, DisplayServer, RenderingServer).
 * Keys are fixed so that each wire format can map them to its own conventions; all are optional.
 */
export interface DeviceInfo {
  os_name?: string;
  os_version?: string;
  locale?: string;
  godot_version?: string;
  js_engine?: string;
  gpu_name?: string;
  gpu_vendor?: string;
  screen_size?: string;
  cpu_name?: string;
  cpu_count?: number;
  memory_mb?: number;
  arch?: string;
}

export interface SpanHandle {
  readonly trace_id: string;
  readonly span_id: string;
  set_attribute(key: string, value: unknown): void;
  add_event(name: string, attrs?: unknown): void;
  /** Marks the span as failed (OTLP status ERROR) with a message. */
  set_error(message?: unknown): void;
  /** Ends the span; a second call is ignored with a warning. */
  end(): void;
  is_recording(): boolean;
}

export interface SignalStats {
  /** Items the game produced (accepted or not). Always produced = sent + pending + sum(dropped). */
  produced: number;
  sent: number;
  /** Queued or in flight. */
  pending: number;
  dropped: Record<DropReason, number>;
}

export type TrackerStats = Record<Signal, SignalStats> & { session_id: string; consent: ConsentState };

export interface Tracker {
  init(options: unknown): void;
  log_debug(msg: unknown, data?: unknown): void;
  log_info(msg: unknown, data?: unknown): void;
  log_warn(msg: unknown, data?: unknown): void;
  log_error(msg: unknown, data?: unknown): void;
  increment(name: unknown, labels?: unknown, by?: unknown): void;
  gauge(name: unknown, value: unknown, labels?: unknown): void;
  histogram(name: unknown, value: unknown, labels?: unknown): void;
  start_span(name: unknown, attrs?: unknown, parent?: unknown): SpanHandle;
  set_user(user: unknown): void;
  set_context(name: unknown, values: unknown): void;
  set_tag(key: unknown, value: unknown): void;
  /** The player's answer (true or false); see privacy/consent.ts. */
  set_consent(granted: unknown): void;
  /** Sends whatever is queued as soon as each signal's connection is free. */
  flush(): void;
  /**
   * Flushes everything, stops accepting new data, and calls `onDone` once all sends finished or
   * `timeoutMs` passed (whatever is left then is counted as dropped: shutdown).
   */
  shutdown(timeoutMs?: unknown, onDone?: () => void): void;
  /**
   * The game is quitting and no frame will follow: ends the open spans (marked as ended by the quit)
   * and sends everything still queued or in flight through the host's blocking HTTP port, within
   * `quit_timeout_ms` in all. Before `init` nothing is sent. Afterwards the tracker is closed.
   */
  exit(): void;
  /** Drives batching, sending and the shutdown deadline; the host calls it every frame. */
  tick(): void;
  /** The host's frame delta in ms (`_process`), for sessions and frame health; JS only. */
  frame(deltaMs: number): void;
  /** The app came back from the background (mobile): the time away is not session time. */
  resumed(): void;
  /** An engine or script error the host's logger caught (`engine_errors`); deduplicated and bounded. */
  engine_error(report: EngineErrorReport): void;
  stats(): TrackerStats;
}
