/**
 * The ports the core needs from its host. The Godot adapters (addons/game_tracker/godot/) implement them
 * in the engine; tests and the Node demo implement them with fakes or Node's own APIs.
 */
import type { EngineMonitors } from './health/auto_metrics';
import type { Signal } from './types';

/** Wall-clock and monotonic time, both in milliseconds (fractions allowed). */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the device believes it to be. */
  unixMs(): number;
  /** Milliseconds from an arbitrary origin that never goes backwards. */
  monotonicMs(): number;
}

/** Cryptographically strong where the host has it (Godot `Crypto`); ids and session ids come from here. */
export interface RandomSource {
  bytes(count: number): Uint8Array;
}

export interface HttpRequest {
  /** Which signal sends it: the host keeps one connection per channel (one request in flight each). */
  readonly channel: Signal;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Text bodies go out as UTF-8; binary bodies exactly as given. */
  readonly body: string | Uint8Array;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  /** The HTTP status, or 0 when no response arrived (refused, reset, timed out, TLS failure). */
  readonly status: number;
  /** Response headers with lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Why no response arrived, or the start of an error body; for warnings only. */
  readonly error?: string;
}

/**
 * Sends one POST. Must never throw and must call `done` exactly once, later (never synchronously
 * inside `send`), also on timeout and on failure.
 */
export interface HttpPort {
  send(request: HttpRequest, done: (response: HttpResponse) => void): void;
}

/**
 * A blocking POST, for the moment the game quits: no frame follows, so nothing asynchronous would
 * complete (in Godot, HTTPClient polled in a loop from `_exit_tree`). Must never throw and must return
 * by `deadlineMonotonicMs` (the Clock's monotonic time), with status 0 when it gave up.
 */
export interface BlockingHttpPort {
  sendNow(request: HttpRequest, deadlineMonotonicMs: number): HttpResponse;
}

/** Where the tracker's own warnings go (Godot `push_warning`); never through the tracked log pipeline. */
export type WarningSink = (message: string) => void;

export interface TrackerPorts {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly http: HttpPort;
  readonly warn: WarningSink;
  /** Without one, what is left at quit is counted as dropped (shutdown). */
  readonly blockingHttp?: BlockingHttpPort;
  /** The engine's monitors (Godot's Performance), read every few seconds when frame health is on. */
  readonly monitors?: () => EngineMonitors;
}
