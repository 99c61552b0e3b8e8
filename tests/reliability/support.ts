/** Shared pieces of the reliability tests: the books identity, an HTTP port that counts, a frame loop. */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { SignalStats, Tracker } from '../../addons/game_tracker/core/api';
import type { Clock, HttpPort, HttpRequest, HttpResponse } from '../../addons/game_tracker/core/ports';
import type { Signal } from '../../addons/game_tracker/core/types';
import { SIGNALS } from '../../addons/game_tracker/core/types';

export function droppedTotal(stats: SignalStats): number {
  return Object.values(stats.dropped).reduce((a, b) => a + b, 0);
}

/** produced = sent + pending + dropped (by reason), exactly, for every signal. */
export function expectBooksBalanced(tracker: Tracker): void {
  const stats = tracker.stats();
  for (const signal of SIGNALS) {
    const s = stats[signal];
    expect(s.produced, `${signal}: ${JSON.stringify(s)}`).toBe(s.sent + s.pending + droppedTotal(s));
    for (const count of Object.values(s.dropped)) expect(Number.isInteger(count) && count >= 0).toBe(true);
  }
}

/** Wraps a port and watches the one-request-in-flight-per-signal rule from outside the tracker. */
export interface CountingPort extends HttpPort {
  readonly maxInFlight: Record<Signal, number>;
  readonly sent: Record<Signal, number>;
  readonly requests: HttpRequest[];
  readonly responses: { channel: Signal; response: HttpResponse }[];
  /** Calls of `done` that came synchronously from inside `send` (forbidden by the port contract). */
  synchronousAnswers: number;
  doubleAnswers: number;
}

export function countingPort(inner: HttpPort): CountingPort {
  const inFlight: Record<Signal, number> = { logs: 0, metrics: 0, traces: 0 };
  const port: CountingPort = {
    maxInFlight: { logs: 0, metrics: 0, traces: 0 },
    sent: { logs: 0, metrics: 0, traces: 0 },
    requests: [],
    responses: [],
    synchronousAnswers: 0,
    doubleAnswers: 0,
    send(request, done) {
      const channel = request.channel;
      inFlight[channel]++;
      port.sent[channel]++;
      port.maxInFlight[channel] = Math.max(port.maxInFlight[channel], inFlight[channel]);
      port.requests.push(request);
      if (port.requests.length > 1000) port.requests.shift();
      let inside = true;
      let answered = false;
      inner.send(request, (response) => {
        if (inside) port.synchronousAnswers++;
        if (answered) {
          port.doubleAnswers++;
          return;
        }
        answered = true;
        inFlight[channel]--;
        port.responses.push({ channel, response });
        done(response);
      });
      inside = false;
    },
  };
  return port;
}

/** The machine's clock, moved by `skewMs`: a player whose wall clock is wrong. */
export function skewedClock(skewMs: number): Clock {
  const origin = performance.now();
  return { unixMs: () => Date.now() + skewMs, monotonicMs: () => performance.now() - origin };
}

/** How long the game's calls into the tracker took (the game's frame budget is what is at stake). */
export class CallTimer {
  calls = 0;
  totalMs = 0;
  maxMs = 0;

  time(action: () => void): void {
    const start = performance.now();
    action();
    const took = performance.now() - start;
    this.calls++;
    this.totalMs += took;
    if (took > this.maxMs) this.maxMs = took;
  }

  meanMs(): number {
    return this.calls === 0 ? 0 : this.totalMs / this.calls;
  }
}

/**
 * Plays frames in real time: each frame runs `frame(i)` (the game's calls) and then `tick()`, then
 * yields to the event loop so that the HTTP port's answers come in, as they would between frames.
 */
export async function playFrames(
  tracker: Tracker,
  durationMs: number,
  frame: (index: number) => void,
  timer: CallTimer,
  frameMs = 5,
): Promise<number> {
  const end = performance.now() + durationMs;
  let index = 0;
  while (performance.now() < end) {
    timer.time(() => frame(index));
    timer.time(() => tracker.tick());
    index++;
    await sleep(frameMs);
  }
  return index;
}

/** Ticks until `condition` holds or `timeoutMs` passes; returns whether it held. */
export async function tickUntil(tracker: Tracker, condition: () => boolean, timeoutMs: number, frameMs = 5): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    tracker.tick();
    if (condition()) return true;
    await sleep(frameMs);
  }
  return condition();
}

/** Shuts down with the tracker's own deadline and ticks until its callback fires. */
export async function shutdownAndTick(tracker: Tracker, timeoutMs: number): Promise<void> {
  let done = false;
  tracker.shutdown(timeoutMs, () => (done = true));
  await tickUntil(tracker, () => done, timeoutMs + 2000);
  expect(done, 'shutdown called back').toBe(true);
}

/** Like tests/fakes/FakeHttp, but answers one signal at a time, as independent receivers would. */
export class PerSignalHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];
  private readonly waiting = new Map<Signal, (response: HttpResponse) => void>();

  /** Requests sent on a signal while another one of that signal was still open. */
  overlaps = 0;

  send(request: HttpRequest, done: (response: HttpResponse) => void): void {
    this.requests.push(request);
    if (this.waiting.has(request.channel)) this.overlaps++;
    this.waiting.set(request.channel, done);
  }

  inFlight(signal: Signal): number {
    return this.waiting.has(signal) ? 1 : 0;
  }

  ofChannel(signal: Signal): HttpRequest[] {
    return this.requests.filter((r) => r.channel === signal);
  }

  respond(signal: Signal, response: HttpResponse): boolean {
    const done = this.waiting.get(signal);
    if (done === undefined) return false;
    this.waiting.delete(signal);
    done(response);
    return true;
  }

  respondAll(response: HttpResponse): void {
    for (const signal of [...this.waiting.keys()]) this.respond(signal, response);
  }
}
