/**
 * Property: whatever sequence of calls a game makes, with whatever arguments, while its receivers
 * answer whatever they like, the tracker never throws, never blocks (nothing is sent from an API
 * call), keeps one request in flight per signal, keeps its memory bounded, puts only sane requests
 * on the wire, warns once per kind, and its books balance after every single step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpanHandle } from '../../addons/game_tracker/core/api';
import type { HttpResponse } from '../../addons/game_tracker/core/ports';
import { SIGNALS } from '../../addons/game_tracker/core/types';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';
import { hostileValue, labelSet, metricName } from './hostile_values';
import { expectBooksBalanced } from './support';
import { expectSaneRequest } from './wire_sanity';

const QUEUE_LIMIT = 30;

interface World {
  readonly h: Harness;
  readonly spans: SpanHandle[];
  checked: number;
}

type Command = { readonly label: string; run(world: World): void };

const command = (label: string, run: (world: World) => void): Command => ({ label, run, toString: () => label }) as Command;

const LOG_METHODS = ['log_debug', 'log_info', 'log_warn', 'log_error'] as const;

const RESPONSES: fc.Arbitrary<HttpResponse> = fc.oneof(
  fc.constant({ status: 204, headers: {} }),
  fc.constant({ status: 200, headers: { date: new Date(Date.UTC(2026, 10, 24, 15)).toUTCString() } }),
  fc.constantFrom(400, 413, 500, 502).map((status) => ({ status, headers: {}, error: 'nope' })),
  fc.record({
    status: fc.constantFrom(429, 503),
    headers: fc.record({ 'retry-after': fc.oneof(fc.nat(120).map(String), fc.constant('Wed, 21 Oct 2015 07:28:00 GMT'), fc.string({ maxLength: 8 })) }),
  }),
  fc.constant({ status: 0, headers: {}, error: 'ECONNRESET' }),
  fc.constant({ status: 200, headers: { date: 'garbage' } }),
);

const commands: fc.Arbitrary<Command>[] = [
  fc.tuple(fc.constantFrom(...LOG_METHODS), hostileValue, fc.oneof(hostileValue, fc.constant(undefined))).map(([m, msg, data]) =>
    command(`${m}(…)`, ({ h }) => h.tracker[m](msg, data)),
  ),
  fc.constantFrom(...LOG_METHODS).map((m) => command(`${m}(repeated)`, ({ h }) => h.tracker[m]('the same line every frame'))),
  fc.tuple(metricName, labelSet, fc.oneof(fc.double(), hostileValue, fc.constant(undefined))).map(([n, l, v]) =>
    command('increment', ({ h }) => h.tracker.increment(n, l, v)),
  ),
  fc.tuple(metricName, fc.oneof(fc.double(), hostileValue), labelSet).map(([n, v, l]) => command('gauge', ({ h }) => h.tracker.gauge(n, v, l))),
  fc.tuple(metricName, fc.oneof(fc.double(), hostileValue), labelSet).map(([n, v, l]) => command('histogram', ({ h }) => h.tracker.histogram(n, v, l))),
  fc.integer({ min: 0, max: 10_000 }).map((i) => command('explode cardinality', ({ h }) => h.tracker.increment('hits', { player: `p${i}` }))),
  fc.tuple(hostileValue, hostileValue, fc.oneof(fc.nat(), hostileValue)).map(([name, attrs, parent]) =>
    command('start_span', (w) => {
      const p = typeof parent === 'number' ? w.spans[parent % Math.max(1, w.spans.length)] : parent;
      w.spans.push(w.h.tracker.start_span(name, attrs, p));
      if (w.spans.length > 50) w.spans.shift();
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom('end', 'set_attribute', 'add_event', 'set_error', 'is_recording'), hostileValue, hostileValue).map(([i, op, a, b]) =>
    command(`span.${op}`, ({ spans }) => {
      const span = spans[i % Math.max(1, spans.length)];
      if (span === undefined) return;
      if (op === 'end') span.end();
      else if (op === 'set_attribute') span.set_attribute(a as string, b);
      else if (op === 'add_event') span.add_event(a as string, b);
      else if (op === 'set_error') span.set_error(a);
      else span.is_recording();
    }),
  ),
  fc.tuple(fc.constantFrom('set_user', 'set_context', 'set_tag'), hostileValue, hostileValue).map(([m, a, b]) =>
    command(m, ({ h }) => (m === 'set_user' ? h.tracker.set_user(a) : h.tracker[m](a, b))),
  ),
  fc.oneof(hostileValue, fc.record({ game: hostileValue, queue_limit: hostileValue, max_series: fc.integer({ min: -5, max: 50 }) })).map((options) =>
    command('init', ({ h }) => h.tracker.init(options)),
  ),
  fc.constant(command('flush', ({ h }) => h.tracker.flush())),
  fc.integer({ min: 1, max: 30 }).map((n) => command(`frames(${n})`, ({ h }) => h.frames(n, 16))),
  fc.integer({ min: 0, max: 120_000 }).map((ms) =>
    command(`advance(${ms})`, ({ h }) => {
      h.clock.advance(ms);
      h.tracker.tick();
    }),
  ),
  RESPONSES.map((r) => command(`respond(${r.status})`, ({ h }) => h.http.respondAll(r))),
  fc.oneof(hostileValue, fc.nat(5000)).map((timeout) => command('shutdown', ({ h }) => h.tracker.shutdown(timeout, () => undefined))),
];

function step(world: World, cmd: Command): void {
  const { h } = world;
  const requestsBefore = h.http.requests.length;
  cmd.run(world);
  // API calls never send; only tick (frames, advance, flush+tick inside shutdown) may.
  if (!/^(frames|advance|shutdown|respond)/.test(cmd.label)) expect(h.http.requests.length, cmd.label).toBe(requestsBefore);
  for (const signal of SIGNALS) expect(h.http.inFlight(signal), signal).toBeLessThanOrEqual(1);
  expectBooksBalanced(h.tracker);
  const stats = h.tracker.stats();
  expect(stats.logs.pending).toBeLessThanOrEqual(2 * QUEUE_LIMIT);
  expect(stats.traces.pending).toBeLessThanOrEqual(2 * QUEUE_LIMIT);
  for (; world.checked < h.http.requests.length; world.checked++) expectSaneRequest(h.http.requests[world.checked]!);
}

describe('hostile call sequences (property-based)', () => {
  it('never throws, never blocks, stays bounded, sane on the wire, books exact at every step', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.oneof(...commands), { minLength: 1, maxLength: 40 }), (initFirst, cmds) => {
        const h = createHarness({ queue_limit: QUEUE_LIMIT, batch_size: 10, max_series: 300, max_series_per_metric: 50, max_open_spans: 40 }, initFirst);
        const world: World = { h, spans: [], checked: 0 };
        for (const cmd of cmds) step(world, cmd);
        // Settle: answer everything, let every interval pass, shut down; the books must still balance.
        h.tracker.shutdown(1000);
        for (let i = 0; i < 5; i++) {
          h.http.respondAll({ status: 204, headers: {} });
          h.frames(20, 100);
        }
        step(world, command('settled', () => undefined));
        for (const signal of SIGNALS) expect(h.tracker.stats()[signal].pending).toBe(0);
        // One warning per kind (per minute), and never more kinds than the cap: no flood.
        const elapsedMinutes = h.clock.monotonicMs() / 60_000;
        expect(h.warnings.length).toBeLessThanOrEqual(101 * (1 + Math.ceil(elapsedMinutes)));
        for (const w of h.warnings) expect(w.length).toBeLessThanOrEqual(520);
      }),
      { numRuns: Number(process.env.GT_FC_RUNS ?? 150), seed: process.env.GT_FC_SEED === undefined ? undefined : Number(process.env.GT_FC_SEED) },
    );
  }, 120_000);
});
