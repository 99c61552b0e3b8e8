/**
 * One signal's connection: at most one request in flight, a pause when the receiver asks for one
 * (429/503 + Retry-After) or after repeated failures, and the receiver's clock read from each answer.
 */
import type { HttpPort, HttpResponse } from '../ports';
import type { Signal } from '../types';
import type { ClockOffset } from './clock_offset';
import { DEFAULT_THROTTLE_PAUSE_MS, MAX_PAUSE_MS, failurePauseMs, isThrottleStatus, parseRetryAfterMs } from './retry_after';

export interface ChannelEnv {
  readonly http: HttpPort;
  readonly clockOffset: ClockOffset;
  monotonicMs(): number;
  deviceUnixMs(): number;
  warn(kind: string, message: string): void;
  /** Before each metrics snapshot (the tracker's own metrics); optional. */
  beforeMetricsSnapshot?(): void;
  /** Whether the tracker's own metrics changed since the last snapshot; optional. */
  ownMetricsChanged?(): boolean;
}

export interface Outgoing {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
  readonly timeoutMs: number;
}

export class Channel {
  private inFlight = false;
  private pausedUntilMs = 0;
  private consecutiveFailures = 0;

  constructor(
    private readonly signal: Signal,
    private readonly env: ChannelEnv,
    private readonly flushIntervalMs: number,
  ) {}

  busy(): boolean {
    return this.inFlight;
  }

  paused(nowMs: number): boolean {
    return nowMs < this.pausedUntilMs;
  }

  /** As `paused`, reading the clock itself: for a caller that rarely needs the answer (a full queue). */
  pausedNow(): boolean {
    return this.paused(this.env.monotonicMs());
  }

  /** Sends one request; `done(true)` on 2xx, `done(false)` on anything else. Never throws. */
  send(request: Outgoing, done: (ok: boolean) => void): void {
    this.inFlight = true;
    const sentUnixMs = this.env.deviceUnixMs();
    let answered = false;
    const onResponse = (response: HttpResponse): void => {
      if (answered) return; // A misbehaving port must not settle a batch twice.
      answered = true;
      this.inFlight = false;
      const ok = response.status >= 200 && response.status < 300;
      try {
        if (response.status > 0) this.env.clockOffset.noteAnswer();
        this.env.clockOffset.observe(response.headers['date'], sentUnixMs, this.env.deviceUnixMs());
        this.afterResponse(response, ok);
      } finally {
        done(ok);
      }
    };
    try {
      this.env.http.send({ channel: this.signal, ...request }, onResponse);
    } catch (error) {
      onResponse({ status: 0, headers: {}, error: `HTTP port threw: ${String(error)}` });
    }
  }

  private afterResponse(response: HttpResponse, ok: boolean): void {
    if (ok) {
      this.consecutiveFailures = 0;
      return;
    }
    this.consecutiveFailures++;
    const now = this.env.monotonicMs();
    let pauseMs = failurePauseMs(this.consecutiveFailures, this.flushIntervalMs);
    if (isThrottleStatus(response.status)) {
      const receiverNowMs = this.env.deviceUnixMs() + this.env.clockOffset.correctionMs();
      const askedMs = parseRetryAfterMs(response.headers['retry-after'], receiverNowMs);
      pauseMs = Math.max(pauseMs, askedMs ?? DEFAULT_THROTTLE_PAUSE_MS);
    }
    pauseMs = Math.min(pauseMs, MAX_PAUSE_MS);
    this.pausedUntilMs = Math.max(this.pausedUntilMs, now + pauseMs);
    const what = response.status === 0 ? `no response (${response.error ?? 'network error'})` : `HTTP ${response.status}`;
    const pause = pauseMs > 0 ? `; pausing ${this.signal} for ${Math.round(pauseMs / 1000)} s` : '';
    this.env.warn(`send_failed:${this.signal}:${response.status}`, `${this.signal} send failed: ${what}${pause}`);
  }
}
