import { describe, expect, it } from 'vitest';
import type { SignalStats } from '../../addons/game_tracker/core/api';
import { createHarness } from '../fakes/tracker_harness';

function dropped(stats: SignalStats): number {
  return Object.values(stats.dropped).reduce((a, b) => a + b, 0);
}

function expectBalanced(stats: SignalStats): void {
  expect(stats.produced).toBe(stats.sent + stats.pending + dropped(stats));
}

describe('batching', () => {
  it('sends nothing from the API call itself, only from tick', () => {
    const h = createHarness();
    h.tracker.log_info('hello');
    expect(h.http.requests).toHaveLength(0);
  });

  it('sends logs when the flush interval passes', () => {
    const h = createHarness();
    h.tracker.log_info('hello');
    h.frames(10);
    expect(h.http.ofChannel('logs')).toHaveLength(0);
    h.clock.advance(5000);
    h.tracker.tick();
    expect(h.http.ofChannel('logs')).toHaveLength(1);
  });

  it('sends as soon as batch_size items are queued', () => {
    const h = createHarness();
    for (let i = 0; i < 19; i++) h.tracker.log_info(`line ${i}`);
    h.frames(1);
    expect(h.http.ofChannel('logs')).toHaveLength(0);
    h.tracker.log_info('line 19');
    h.frames(1);
    expect(h.http.ofChannel('logs')).toHaveLength(1);
  });

  it('keeps at most one request in flight per signal', () => {
    const h = createHarness();
    for (let i = 0; i < 60; i++) {
      h.tracker.log_info(`line ${i}`);
      h.frames(1);
    }
    expect(h.http.inFlight('logs')).toBe(1);
    h.http.respondAll();
    h.frames(1);
    expect(h.http.inFlight('logs')).toBe(1);
    expect(h.http.ofChannel('logs')).toHaveLength(2);
  });

  it('caps the queue, drops the oldest and counts it', () => {
    const h = createHarness({ queue_limit: 100 });
    for (let i = 0; i < 150; i++) h.tracker.log_info(`line ${i}`);
    const stats = h.tracker.stats().logs;
    expect(stats.dropped.queue_full).toBe(50);
    expect(stats.pending).toBe(100);
    expectBalanced(stats);
    h.tracker.flush();
    h.tracker.tick();
    const body = JSON.parse(h.http.ofChannel('logs')[0]!.body as string);
    expect(body.streams[0].values[0][1]).toContain('line 50');
  });

  it('drops a failed batch without resending it, and counts it', () => {
    const h = createHarness();
    for (let i = 0; i < 20; i++) h.tracker.log_info(`line ${i}`);
    h.frames(1);
    h.http.respondAll({ status: 500, headers: {} });
    h.frames(400);
    expect(h.http.ofChannel('logs')).toHaveLength(1);
    const stats = h.tracker.stats().logs;
    expect(stats.dropped.send_failed).toBe(20);
    expectBalanced(stats);
  });

  it('counts sent items once the receiver accepted them', () => {
    const h = createHarness();
    for (let i = 0; i < 25; i++) h.tracker.log_info(`line ${i}`);
    h.frames(1);
    expect(h.tracker.stats().logs.pending).toBe(25);
    h.http.respondAll();
    expect(h.tracker.stats().logs).toMatchObject({ produced: 25, sent: 25, pending: 0 });
  });

  it('flush() sends every signal at the next tick', () => {
    const h = createHarness();
    h.tracker.log_info('a');
    h.tracker.increment('c');
    h.tracker.start_span('s').end();
    h.tracker.flush();
    h.tracker.tick();
    expect(h.http.requests.map((r) => r.channel).sort()).toEqual(['logs', 'metrics', 'traces']);
  });
});

describe('pause on 429/503', () => {
  it('honours Retry-After seconds, queues meanwhile and resumes by itself', () => {
    const h = createHarness();
    for (let i = 0; i < 20; i++) h.tracker.log_info(`line ${i}`);
    h.frames(1);
    h.http.respondAll({ status: 429, headers: { 'retry-after': '30' } });
    for (let i = 0; i < 20; i++) h.tracker.log_info(`later ${i}`);
    h.frames(100);
    expect(h.http.ofChannel('logs')).toHaveLength(1);
    h.clock.advance(30_000);
    h.tracker.tick();
    expect(h.http.ofChannel('logs')).toHaveLength(2);
  });

  it('counts queue overflow during a pause as paused', () => {
    const h = createHarness({ queue_limit: 10, batch_size: 10 });
    for (let i = 0; i < 10; i++) h.tracker.log_info(`line ${i}`);
    h.frames(1);
    h.http.respondAll({ status: 503, headers: { 'retry-after': '60' } });
    for (let i = 0; i < 15; i++) h.tracker.log_info(`later ${i}`);
    const stats = h.tracker.stats().logs;
    expect(stats.dropped.paused).toBe(5);
    expect(stats.dropped.send_failed).toBe(10);
    expectBalanced(stats);
  });
});

describe('shutdown', () => {
  it('sends what is queued and calls back when done', () => {
    const h = createHarness();
    h.tracker.log_info('last words');
    h.tracker.increment('quits');
    let done = false;
    h.tracker.shutdown(1000, () => (done = true));
    expect(h.http.requests.length).toBe(2);
    expect(done).toBe(false);
    h.http.respondAll();
    h.tracker.tick();
    expect(done).toBe(true);
    expect(h.tracker.stats().logs).toMatchObject({ produced: 1, sent: 1, pending: 0 });
  });

  it('gives up at the deadline and counts what is left as shutdown', () => {
    const h = createHarness({ queue_limit: 5 });
    h.tracker.log_info('a');
    h.tracker.shutdown(500);
    h.tracker.log_info('after shutdown');
    h.frames(40);
    const stats = h.tracker.stats().logs;
    expect(stats.dropped.shutdown).toBe(1);
    expect(stats.pending).toBe(1);
    expectBalanced(stats);
  });

  it('ends open spans so they are not lost', () => {
    const h = createHarness();
    h.tracker.start_span('level_load');
    h.tracker.shutdown(1000);
    const body = JSON.parse(h.http.ofChannel('traces')[0]!.body as string);
    const span = body.resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.name).toBe('level_load');
    expect(span.attributes).toContainEqual({ key: 'game_tracker.ended_by', value: { stringValue: 'shutdown' } });
  });
});

describe('calls before init', () => {
  it('are kept without a warning, pending in the books, and sent nowhere until init', () => {
    const h = createHarness({}, false);
    h.tracker.log_info('early');
    h.tracker.log_info('early again');
    h.tracker.increment('early');
    h.frames(100);
    expect(h.http.requests).toHaveLength(0);
    expect(h.tracker.stats().logs).toMatchObject({ produced: 2, pending: 2 });
    expect(h.tracker.stats().metrics).toMatchObject({ produced: 1, pending: 1 });
    expect(h.warnings).toEqual([]);
    h.tracker.init({ game: 'g' });
    h.tracker.log_info('now');
    expect(h.tracker.stats().logs).toMatchObject({ produced: 3, pending: 3 });
    expect(h.tracker.stats().metrics).toMatchObject({ produced: 1, pending: 1 });
  });
});

describe('shutdown called twice', () => {
  it('tells both callers when it is done', () => {
    const h = createHarness();
    h.tracker.log_info('x');
    const calls: string[] = [];
    h.tracker.shutdown(1000, () => calls.push('first'));
    h.tracker.shutdown(1000, () => calls.push('second'));
    h.http.respondAll();
    h.tracker.tick();
    expect(calls).toEqual(['first', 'second']);
  });
});
