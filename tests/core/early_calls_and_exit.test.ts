/** Calls made before init, and the last send when the game quits (Tracker.exit), on the core. */
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../addons/game_tracker/core/ports';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';
import { bodyText } from '../fakes/fake_http';
import { expectBooksBalanced } from '../reliability/support';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';

const INIT = { endpoint: 'http://127.0.0.1:9', game: 'late_init', version: '2.0.0', environment: 'test' };

function lines(requests: readonly HttpRequest[]): { labels: Record<string, string>; ts: string; msg: string; meta: Record<string, string> }[] {
  return requests.flatMap((r) =>
    checkLokiPushJson(bodyText(r)).flatMap((s) => s.values.map((v) => ({ labels: s.stream, ts: v.timestampNs, msg: (JSON.parse(v.line) as { msg: string }).msg, meta: v.metadata ?? {} }))),
  );
}

function series(requests: readonly HttpRequest[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of requests) {
    for (const s of decodeRemoteWrite(r.body as Uint8Array).timeseries) {
      const name = s.labels.map((l) => (l.name === '__name__' ? l.value : l.name === 'le' ? `le=${l.value}` : '')).filter(Boolean).join('|');
      out.set(name, s.samples[0]?.value ?? NaN);
    }
  }
  return out;
}

function spans(requests: readonly HttpRequest[]): { name: string; attributes: Record<string, unknown> }[] {
  return requests.flatMap((r) =>
    decodeOtlpTracesJson(bodyText(r)).resourceSpans.flatMap((rs) =>
      rs.scopeSpans.flatMap((ss) => ss.spans.map((sp) => ({ name: sp.name, attributes: Object.fromEntries(sp.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue])) }))),
    ),
  );
}

function sendAll(h: Harness): void {
  h.tracker.flush();
  h.tracker.tick();
  h.http.respondAll();
  h.tracker.flush();
  h.tracker.tick();
  h.http.respondAll();
}

describe('calls before init', () => {
  it('keep their time and context, and take init\'s identity and min_log_level', () => {
    const h = createHarness({}, false);
    h.tracker.set_user('early-bird');
    h.tracker.log_debug('too chatty');
    h.tracker.log_info('spawned');
    const stampedAt = h.clock.unixMs();
    h.clock.advance(5_000);
    h.tracker.init({ ...INIT, min_log_level: 'info' });
    sendAll(h);
    const sent = lines(h.http.ofChannel('logs'));
    expect(sent.map((l) => l.msg)).toEqual(['spawned']);
    expect(sent[0]).toMatchObject({ labels: { game: 'late_init' }, meta: { user_id: 'early-bird' } });
    expect(Number(BigInt(sent[0]!.ts) / 1_000_000n)).toBe(Math.floor(stampedAt));
    // The debug line is left out as if it had been logged after init: neither produced nor dropped.
    expect(h.tracker.stats().logs).toMatchObject({ produced: 1, sent: 1, pending: 0 });
    expectBooksBalanced(h.tracker);
  });

  it('aggregate with init\'s histogram bounds, and merge a series\' increments into one entry', () => {
    const h = createHarness({}, false);
    for (let i = 0; i < 500; i++) h.tracker.increment('frames', { scene: 'menu' });
    h.tracker.gauge('hp', 10);
    h.tracker.gauge('hp', 85);
    h.tracker.histogram('load_ms', 1250);
    h.tracker.increment(42 as unknown as string);
    expect(h.tracker.stats().metrics).toMatchObject({ produced: 504, pending: 504 });
    h.tracker.init({ ...INIT, histogram_buckets_by_metric: { load_ms: [1000, 2000] } });
    sendAll(h);
    const sent = series(h.http.ofChannel('metrics'));
    expect(sent.get('frames_total')).toBe(500);
    expect(sent.get('hp')).toBe(85);
    expect([sent.get('load_ms_bucket|le=1000'), sent.get('load_ms_bucket|le=2000'), sent.get('load_ms_bucket|le=+Inf')]).toEqual([0, 1, 1]);
    // The bad call is judged at init, with the same warning and reason as after it.
    expect(h.tracker.stats().metrics).toMatchObject({ produced: 504, sent: 503, dropped: { invalid: 1 } });
    expect(h.warnings).toEqual(['[GameTracker] counter needs a metric name string']);
  });

  it('are bounded by the default queue limits; the overflow is counted as before_init', () => {
    const h = createHarness({}, false);
    for (let i = 0; i < 150; i++) {
      h.tracker.histogram('t', i);
      h.tracker.log_info(`line ${i}`);
    }
    const stats = h.tracker.stats();
    expect(stats.metrics).toMatchObject({ pending: 100, dropped: { before_init: 50 } });
    expect(stats.logs).toMatchObject({ pending: 100, dropped: { before_init: 50 } });
    h.tracker.init({ ...INIT, queue_limit: 10, batch_size: 10 });
    expect(h.tracker.stats().logs).toMatchObject({ pending: 10, dropped: { before_init: 140 } });
    expectBooksBalanced(h.tracker);
  });

  it('say nothing in the normal case; one reminder when init has not come after 10 s', () => {
    const h = createHarness({}, false);
    h.frames(1000, 16);
    expect(h.warnings).toEqual([]);
    h.tracker.log_info('anyone there?');
    h.frames(100, 16);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toContain('waiting for GameTracker.init');
    h.frames(1000, 16);
    expect(h.warnings).toHaveLength(1);
  });

  it('are never sent when init never comes: exit and shutdown drop them as before_init', () => {
    const h = createHarness({}, false);
    h.tracker.log_info('lost');
    h.tracker.increment('lost');
    h.tracker.start_span('lost').end();
    h.tracker.exit();
    expect(h.blocking.requests).toEqual([]);
    expect(h.http.requests).toEqual([]);
    for (const signal of ['logs', 'metrics', 'traces'] as const) expect(h.tracker.stats()[signal]).toMatchObject({ produced: 1, pending: 0, dropped: { before_init: 1 } });
    let done = false;
    const other = createHarness({}, false);
    other.tracker.log_info('x');
    other.tracker.shutdown(1000, () => (done = true));
    expect(done).toBe(true);
    expect(other.tracker.stats().logs.dropped.before_init).toBe(1);
  });
});

describe('exit: the last send at quit', () => {
  it('sends what is queued and what was in flight, the final metric values, and ends open spans', () => {
    const h = createHarness();
    h.tracker.log_info('in flight');
    h.tracker.increment('coins', {}, 5);
    h.tracker.flush();
    h.tracker.tick();
    expect(h.http.inFlight()).toBe(2); // logs and metrics on the wire, never answered: the game quits
    h.tracker.log_info('queued');
    h.tracker.increment('coins', {}, 2);
    const open = h.tracker.start_span('level');
    h.tracker.exit();
    expect(lines(h.blocking.ofChannel('logs')).map((l) => l.msg)).toEqual(['in flight', 'queued']);
    expect(series(h.blocking.ofChannel('metrics')).get('coins_total')).toBe(7);
    expect(spans(h.blocking.ofChannel('traces'))).toEqual([{ name: 'level', attributes: expect.objectContaining({ 'game_tracker.ended_by': 'quit' }) }]);
    expect(open.is_recording()).toBe(false);
    // A late answer to the old request settles nothing twice.
    h.http.respondAll();
    const stats = h.tracker.stats();
    expect([stats.logs.sent, stats.metrics.sent, stats.traces.sent]).toEqual([2, 2, 1]);
    expectBooksBalanced(h.tracker);
  });

  it('gives every request the same deadline, quit_timeout_ms from the start, and counts what did not fit', () => {
    const h = createHarness({ quit_timeout_ms: 1500 });
    h.tracker.log_info('a');
    h.tracker.start_span('b').end();
    h.tracker.increment('c');
    const start = h.clock.monotonicMs();
    h.blocking.onSend = (_request, deadlineMs) => h.clock.advance(deadlineMs - h.clock.monotonicMs()); // a receiver that hangs
    h.blocking.response = { status: 0, headers: {}, error: 'timed out' };
    h.tracker.exit();
    expect(h.blocking.requests.map((r) => [r.request.channel, r.deadlineMs - start])).toEqual([['logs', 1500]]);
    const stats = h.tracker.stats();
    expect([stats.logs.dropped.send_failed, stats.traces.dropped.shutdown, stats.metrics.dropped.shutdown]).toEqual([1, 1, 1]);
    expect(h.warnings).toEqual(['[GameTracker] logs send at quit failed: no response (timed out)']);
    expectBooksBalanced(h.tracker);
  });

  it('with quit_timeout_ms 0 sends nothing; afterwards calls are refused and a second exit does nothing', () => {
    const h = createHarness({ quit_timeout_ms: 0 });
    h.tracker.log_info('a');
    h.tracker.exit();
    h.tracker.exit();
    h.tracker.log_info('after');
    expect(h.blocking.requests).toEqual([]);
    expect(h.tracker.stats().logs).toMatchObject({ produced: 2, pending: 0, dropped: { shutdown: 2 } });
  });
});
