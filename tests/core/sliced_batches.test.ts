/**
 * On a slow engine a batch's body is built over several ticks, each stopping when its share of time
 * (TICK_WORK_MS) is used up (see export/body_builder.ts). The body must be byte for byte the one built
 * in one go, the batch must stay counted as pending while it is built, and a flush, the quit or a
 * shutdown must neither lose it nor send it twice.
 */
import { describe, expect, it } from 'vitest';
import type { SignalStats, Tracker } from '../../addons/game_tracker/core/api';
import { TICK_WORK_MS } from '../../addons/game_tracker/core/export/outbox';
import type { HttpRequest } from '../../addons/game_tracker/core/ports';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { FakeBlockingHttp } from '../fakes/fake_blocking_http';
import { FakeHttp } from '../fakes/fake_http';
import { SeededRandom } from '../fakes/seeded_random';
import { SlowEngineClock } from '../fakes/slow_engine_clock';
import { checkLokiPushJson, decodeOtlpLogsProtobuf, decodeOtlpTracesJson, decodeOtlpTracesGenerated, otlpItems } from '../support/oracles';

const ITEMS = 100;
/** Each item costs a tenth of the tick's share: a tick builds about ten. */
const SLOW_READ_MS = TICK_WORK_MS / 10;
/** Logs, metrics, traces: each goes first once in this many ticks. */
const SIGNALS_COUNT = 3;

interface Game {
  readonly tracker: Tracker;
  readonly clock: SlowEngineClock;
  readonly http: FakeHttp;
  readonly blocking: FakeBlockingHttp;
}

function game(protocol: 'native' | 'otlp', options: Record<string, unknown> = {}): Game {
  const clock = new SlowEngineClock();
  const http = new FakeHttp();
  const blocking = new FakeBlockingHttp();
  const tracker = createTracker({ clock, random: new SeededRandom(), http, blockingHttp: blocking, warn: () => {} }, { os_name: 'Linux', godot_version: '4.6.3' });
  tracker.init({ endpoint: 'http://127.0.0.1:9', game: 'sliced', version: '1.0.0', environment: 'test', protocol, batch_size: ITEMS, queue_limit: 1000, ...options });
  return { tracker, clock, http, blocking };
}

type Signal = 'logs' | 'traces';

/** The same calls in every game: lines with data and context changes, or spans with attributes and events. */
function play(g: Game, signal: Signal, count = ITEMS, from = 0): void {
  for (let i = from; i < from + count; i++) {
    if (i % 25 === 0) g.tracker.set_context('level', { name: `level_${i / 25}` });
    if (signal === 'logs') g.tracker.log_info(`line ${i}`, { i, who: 'player' });
    else {
      const span = g.tracker.start_span(`span ${i}`, { i });
      span.add_event('halfway', { at: i });
      span.end();
    }
  }
}

function balanced(stats: SignalStats): boolean {
  const dropped = Object.values(stats.dropped).reduce((a, b) => a + b, 0);
  return stats.produced === stats.sent + stats.pending + dropped;
}

/** Ticks until the signal's first request leaves (bounded); returns how many ticks it took. */
function ticksUntilSent(g: Game, signal: Signal): number {
  for (let tick = 1; tick <= 1000; tick++) {
    g.tracker.tick();
    expect(balanced(g.tracker.stats()[signal])).toBe(true);
    if (g.http.ofChannel(signal).length > 0) return tick;
    expect(g.tracker.stats()[signal].pending).toBe(ITEMS);
  }
  throw new Error('never sent');
}

function itemsIn(request: HttpRequest, signal: Signal, protocol: 'native' | 'otlp'): number {
  if (protocol === 'native') {
    if (signal === 'logs') return checkLokiPushJson(request.body as string).reduce((n, s) => n + s.values.length, 0);
    return decodeOtlpTracesJson(request.body as string).resourceSpans.reduce((n, r) => n + r.scopeSpans.reduce((m, s) => m + s.spans.length, 0), 0);
  }
  const body = request.body as Uint8Array;
  if (signal === 'logs') return otlpItems(decodeOtlpLogsProtobuf(body), ['resourceLogs', 'scopeLogs', 'logRecords']).length;
  return otlpItems(decodeOtlpTracesGenerated(body), ['resourceSpans', 'scopeSpans', 'spans']).length;
}

const CASES = [
  ['native', 'logs'],
  ['native', 'traces'],
  ['otlp', 'logs'],
  ['otlp', 'traces'],
] as const;

describe.each(CASES)('%s %s: a batch built over several ticks', (protocol, signal) => {
  it('is sent once, after several ticks, byte for byte as the batch built at once, counted as pending meanwhile', () => {
    const slow = game(protocol);
    const fast = game(protocol);
    play(slow, signal);
    play(fast, signal);
    slow.clock.readCostMs = SLOW_READ_MS;
    const ticks = ticksUntilSent(slow, signal);
    expect(ticksUntilSent(fast, signal)).toBe(1);
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(ticks).toBeLessThanOrEqual(ITEMS / 2);
    const [sliced] = slow.http.ofChannel(signal);
    const [whole] = fast.http.ofChannel(signal);
    expect(sliced!.body).toEqual(whole!.body);
    expect(itemsIn(sliced!, signal, protocol)).toBe(ITEMS);
    for (let i = 0; i < 10; i++) slow.tracker.tick();
    expect(slow.http.ofChannel(signal)).toHaveLength(1);
    slow.http.respondAll();
    expect(slow.tracker.stats()[signal]).toMatchObject({ produced: ITEMS, sent: ITEMS, pending: 0 });
  });

  it('a flush finishes the batch being built in the same tick', () => {
    const g = game(protocol);
    play(g, signal);
    g.clock.readCostMs = SLOW_READ_MS;
    g.tracker.tick();
    expect(g.http.ofChannel(signal)).toHaveLength(0);
    g.tracker.flush();
    g.tracker.tick();
    const requests = g.http.ofChannel(signal);
    expect(requests).toHaveLength(1);
    expect(itemsIn(requests[0]!, signal, protocol)).toBe(ITEMS);
  });

  it('at quit, the batch being built leaves with what is queued behind it, once', () => {
    const g = game(protocol);
    play(g, signal);
    g.clock.readCostMs = SLOW_READ_MS;
    g.tracker.tick();
    play(g, signal, 10, ITEMS);
    g.clock.readCostMs = 0;
    g.tracker.exit();
    expect(g.http.ofChannel(signal)).toHaveLength(0);
    const last = g.blocking.ofChannel(signal);
    expect(last).toHaveLength(1);
    expect(itemsIn(last[0]!, signal, protocol)).toBe(ITEMS + 10);
    expect(g.tracker.stats()[signal]).toMatchObject({ produced: ITEMS + 10, sent: ITEMS + 10, pending: 0 });
  });

  it('a shutdown sends the batch being built at once, and finishes when it is answered', () => {
    const g = game(protocol);
    play(g, signal);
    g.clock.readCostMs = SLOW_READ_MS;
    g.tracker.tick();
    let done = false;
    g.tracker.shutdown(1000, () => (done = true));
    g.tracker.tick();
    const requests = g.http.ofChannel(signal);
    expect(requests).toHaveLength(1);
    expect(itemsIn(requests[0]!, signal, protocol)).toBe(ITEMS);
    g.http.respondAll();
    g.tracker.tick();
    expect(done).toBe(true);
    expect(g.tracker.stats()[signal]).toMatchObject({ produced: ITEMS, sent: ITEMS, pending: 0 });
  });
});

describe('a batch built over several ticks, when items arrive faster than that', () => {
  it('is finished at once when a whole batch has queued up behind it, so nothing is dropped', () => {
    const g = game('native', { queue_limit: 300 });
    play(g, 'logs');
    g.clock.readCostMs = SLOW_READ_MS;
    g.tracker.tick();
    expect(g.http.ofChannel('logs')).toHaveLength(0);
    g.clock.readCostMs = 0;
    play(g, 'logs', ITEMS, ITEMS);
    g.clock.readCostMs = SLOW_READ_MS;
    g.tracker.tick();
    expect(g.http.ofChannel('logs')).toHaveLength(1);
    expect(itemsIn(g.http.ofChannel('logs')[0]!, 'logs', 'native')).toBe(ITEMS);
    expect(g.tracker.stats().logs).toMatchObject({ produced: 2 * ITEMS, pending: 2 * ITEMS, dropped: {} });
  });
});

describe("one tick's time, shared by the signals", () => {
  /** Fake time one tick took (the slow clock moves at every read). */
  function tickTook(g: Game): number {
    const before = g.clock.monotonicMs();
    g.tracker.tick();
    return g.clock.monotonicMs() - before - 2 * g.clock.readCostMs;
  }

  it('once a log batch has used it up, a due metrics push waits for a tick of its own', () => {
    const g = game('native', { flush_interval_ms: 1000 });
    for (let i = 0; i < 50; i++) g.tracker.increment('kills', { zone: `zone_${i}` });
    g.tracker.tick(); // the metrics probe
    g.http.respondAll();
    play(g, 'logs');
    g.clock.advance(1000); // a metrics push is due, as is the log batch
    g.clock.readCostMs = SLOW_READ_MS;
    const took: number[] = [];
    // The port answers every request before the next tick, as HTTPRequest does a frame later.
    for (let tick = 0; tick < 20; tick++) {
      took.push(tickTook(g));
      g.http.respondAll();
    }
    expect(g.http.ofChannel('logs')).toHaveLength(1);
    expect(itemsIn(g.http.ofChannel('logs')[0]!, 'logs', 'native')).toBe(ITEMS);
    expect(g.tracker.stats().metrics).toMatchObject({ produced: 50, sent: 50 });
    // The log item that crosses the line, and one look at the clock for each signal after it.
    expect(Math.max(...took)).toBeLessThanOrEqual(TICK_WORK_MS + 3 * SLOW_READ_MS + 1e-9);
  });

  it('signals take turns going first, so a metrics push is sent while logs fill every tick', () => {
    const g = game('native', { flush_interval_ms: 1000, queue_limit: 5000 });
    for (let i = 0; i < 50; i++) g.tracker.increment('kills', { zone: `zone_${i}` });
    g.tracker.tick(); // the metrics probe
    g.http.respondAll();
    play(g, 'logs');
    g.clock.advance(1000);
    let ticks = 0;
    for (; ticks < 30 && g.tracker.stats().metrics.sent === 0; ticks++) {
      g.clock.readCostMs = 0;
      play(g, 'logs', 20, ITEMS + ticks * 20);
      g.clock.readCostMs = SLOW_READ_MS;
      g.tracker.tick();
      g.http.respondAll();
    }
    expect(g.tracker.stats().metrics).toMatchObject({ produced: 50, sent: 50 });
    expect(ticks).toBeLessThanOrEqual(SIGNALS_COUNT + 1); // its turn, and the answer read after the tick
    expect(Object.values(g.tracker.stats().logs.dropped).every((n) => n === 0)).toBe(true);
  });
});
