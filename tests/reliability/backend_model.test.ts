/**
 * Failing backends in simulated time (FakeClock + FakeHttp), so that hours of outages, pauses and
 * backoff run in milliseconds. Property: whatever the receivers answer, one request per signal is in
 * flight at most, a requested pause (Retry-After, capped at 10 minutes) is honoured to the
 * millisecond, the books balance, and once the receivers are healthy everything drains by itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../addons/game_tracker/core/ports';
import type { Signal } from '../../addons/game_tracker/core/types';
import { SIGNALS } from '../../addons/game_tracker/core/types';
import { MAX_PAUSE_MS } from '../../addons/game_tracker/core/export/retry_after';
import type { Tracker } from '../../addons/game_tracker/core/api';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { FakeClock } from '../fakes/fake_clock';
import { SeededRandom } from '../fakes/seeded_random';
import { PerSignalHttp, expectBooksBalanced } from './support';

const START_UNIX_MS = Date.UTC(2026, 10, 24, 12, 0, 0);

interface World {
  readonly tracker: Tracker;
  readonly clock: FakeClock;
  readonly http: PerSignalHttp;
  frames(count: number, frameMs: number): void;
}

function world(options: Record<string, unknown>): World {
  const clock = new FakeClock(START_UNIX_MS);
  const http = new PerSignalHttp();
  const tracker = createTracker({ clock, random: new SeededRandom(), http, warn: () => undefined });
  tracker.init({ endpoint: 'http://127.0.0.1:9', ...options });
  return {
    tracker,
    clock,
    http,
    frames(count, frameMs) {
      for (let i = 0; i < count; i++) {
        clock.advance(frameMs);
        tracker.tick();
      }
    },
  };
}

type Answer = { readonly response: HttpResponse; readonly pauseMs: number | undefined };

/** Receivers' answers and the pause each one asks for (undefined: none asked). */
const ANSWER: fc.Arbitrary<Answer> = fc.oneof(
  fc.constant({ response: { status: 204, headers: {} }, pauseMs: undefined }),
  fc.constantFrom(0, 400, 413, 500).map((status) => ({ response: { status, headers: {} }, pauseMs: undefined })),
  fc.tuple(fc.constantFrom(429, 503), fc.nat(3600)).map(([status, seconds]) => ({
    response: { status, headers: { 'retry-after': String(seconds) } },
    pauseMs: Math.min(seconds * 1000, MAX_PAUSE_MS),
  })),
  fc.constantFrom(429, 503).map((status) => ({ response: { status, headers: {} }, pauseMs: 30_000 })),
);

type Step =
  | { readonly kind: 'calls'; readonly count: number }
  | { readonly kind: 'time'; readonly ms: number }
  | { readonly kind: 'answer'; readonly signal: Signal; readonly answer: Answer };

const STEP: fc.Arbitrary<Step> = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((count) => ({ kind: 'calls' as const, count })),
  fc.integer({ min: 1, max: 90_000 }).map((ms) => ({ kind: 'time' as const, ms })),
  fc.tuple(fc.constantFrom(...SIGNALS), ANSWER).map(([signal, answer]) => ({ kind: 'answer' as const, signal, answer })),
);

describe('failing backends in simulated time (property-based)', () => {
  it('one in flight, pauses honoured, books exact, and recovery without a flush', () => {
    fc.assert(
      fc.property(fc.array(STEP, { minLength: 1, maxLength: 60 }), (steps) => {
        const h = world({ queue_limit: 50, batch_size: 10, flush_interval_ms: 1000 });
        const pausedUntil: Record<Signal, number> = { logs: 0, metrics: 0, traces: 0 };
        let checked = 0;
        let calls = 0;
        const check = (): void => {
          expect(h.http.overlaps).toBe(0);
          for (; checked < h.http.requests.length; checked++) {
            const signal = h.http.requests[checked]!.channel;
            expect(h.clock.monotonicMs(), `${signal} request inside its pause`).toBeGreaterThanOrEqual(pausedUntil[signal]);
          }
          expectBooksBalanced(h.tracker);
        };
        const answer = (signal: Signal, { response, pauseMs }: Answer): void => {
          if (!h.http.respond(signal, response)) return;
          if (pauseMs !== undefined) pausedUntil[signal] = Math.max(pausedUntil[signal], h.clock.monotonicMs() + pauseMs);
        };
        for (const step of steps) {
          if (step.kind === 'calls') {
            for (let i = 0; i < step.count; i++, calls++) {
              h.tracker.log_info(`line ${calls}`);
              h.tracker.increment('calls');
              h.tracker.start_span('work').end();
            }
          } else if (step.kind === 'time') {
            for (let t = 0; t < step.ms; t += 500) {
              h.clock.advance(Math.min(500, step.ms - t));
              h.tracker.tick();
              check();
            }
          } else {
            answer(step.signal, step.answer);
          }
          check();
        }
        // The receivers heal; time passes (longer than any pause or backoff); nobody calls flush().
        for (let t = 0; t < MAX_PAUSE_MS + 120_000; t += 1000) {
          h.http.respondAll({ status: 204, headers: {} });
          h.clock.advance(1000);
          h.tracker.tick();
          check();
        }
        h.http.respondAll({ status: 204, headers: {} });
        const stats = h.tracker.stats();
        for (const signal of SIGNALS) expect(stats[signal].pending, signal).toBe(0);
        expect(stats.metrics.sent).toBe(calls);
        expect(stats.logs.produced).toBe(calls);
      }),
      { numRuns: Number(process.env.GT_FC_RUNS ?? 60) },
    );
  }, 120_000);

  it('reads Retry-After as an HTTP date on the receiver clock, and caps absurd pauses', () => {
    const h = world({ flush_interval_ms: 1000 });
    h.tracker.log_info('a');
    h.tracker.flush();
    h.tracker.tick();
    // The receiver's clock is 2 h ahead of this device; it asks for 90 s by date.
    const receiverNow = START_UNIX_MS + 2 * 3600_000;
    h.http.respondAll({ status: 503, headers: { date: new Date(receiverNow).toUTCString(), 'retry-after': new Date(receiverNow + 90_000).toUTCString() } });
    h.tracker.log_info('b');
    h.frames(88, 1000);
    expect(h.http.ofChannel('logs')).toHaveLength(1);
    h.frames(3, 1000);
    expect(h.http.ofChannel('logs')).toHaveLength(2);
    h.http.respondAll({ status: 429, headers: { 'retry-after': '999999999' } });
    h.tracker.log_info('c');
    h.frames(MAX_PAUSE_MS / 1000 - 1, 1000);
    expect(h.http.ofChannel('logs')).toHaveLength(2);
    h.frames(2, 1000);
    expect(h.http.ofChannel('logs')).toHaveLength(3);
  });

  it('backs off a dead backend to one request a minute per signal, and resumes at once when it answers', () => {
    const h = world({ flush_interval_ms: 1000 });
    const hour = 3600;
    for (let s = 0; s < hour; s++) {
      h.tracker.log_info(`line ${s}`);
      h.clock.advance(1000);
      h.tracker.tick();
      h.http.respondAll({ status: 0, headers: {}, error: 'ECONNREFUSED' });
    }
    const attempts = h.http.ofChannel('logs').length;
    expect(attempts).toBeLessThan(75);
    expect(attempts).toBeGreaterThan(55);
    for (let s = 0; s < 61; s++) {
      h.tracker.log_info(`back ${s}`);
      h.clock.advance(1000);
      h.tracker.tick();
      h.http.respondAll({ status: 204, headers: {} });
    }
    expect(h.tracker.stats().logs.sent).toBeGreaterThan(0);
    expectBooksBalanced(h.tracker);
  });
});
