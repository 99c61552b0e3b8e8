/**
 * Misuse on the core: invalid and reserved metric and label names, label sets that explode
 * cardinality, span misuse, and calls before init, twice, or after shutdown. Each is survived,
 * counted under its drop reason and warned about once per kind.
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../fakes/tracker_harness';
import { freedObject, hostileToString } from './hostile_values';
import { nameOf, sentLines, sentSeries, sentSpans } from './hostile_wire';
import type { SentSpan } from './hostile_wire';
import { expectBooksBalanced } from './support';

describe('invalid and reserved metric and label names', () => {
  it('refuses reserved and empty names and sanitises the rest, one warning each', () => {
    const h = createHarness();
    for (const name of ['__name__', '', '!!!', '__private', 'x'.repeat(300)]) h.tracker.increment(name);
    h.tracker.increment('ok', { __name__: 'forged' });
    h.tracker.increment('ok', { session_id: 'forged' });
    h.tracker.increment('ok', { game: 'forged' });
    h.tracker.histogram('lat', 1, { le: '5' });
    h.tracker.increment('ok', { '': 'empty name' });
    h.tracker.increment('ok', { '名前': 'x' });
    h.tracker.increment('名前');
    h.tracker.increment('player.deaths-total', { 'zone name': 'a', '3d': 'b' });
    const metrics = h.tracker.stats().metrics;
    expect(metrics.dropped.invalid).toBe(12);
    expect(metrics.sent + metrics.pending).toBe(1);
    const [series] = sentSeries(h);
    expect(nameOf(series!)).toBe('player_deaths_total');
    expect(series!.labels.map((l) => l.name)).toEqual(['_3d', '__name__', 'env', 'game', 'session_id', 'version', 'zone_name']);
    expect(h.warnings.length).toBeLessThanOrEqual(12);
  });

  it('never writes two series with the same labels in one push (Prometheus would refuse it all)', () => {
    const h = createHarness();
    h.tracker.increment('hits', { 'a-b': 1 });
    h.tracker.increment('hits', { a_b: 1 });
    h.tracker.increment('hits', { a_b: '1' });
    h.tracker.increment('hits', { zone: null });
    h.tracker.increment('hits', { zone: '' });
    h.tracker.increment('hits');
    h.tracker.increment('hits', { long: `${'v'.repeat(1024)}1` });
    h.tracker.increment('hits', { long: `${'v'.repeat(1024)}2` });
    h.tracker.histogram('h', 1);
    h.tracker.gauge('h_sum', 1);
    h.tracker.gauge('h_count', 1);
    const series = sentSeries(h);
    const totals = series.map((s) => [JSON.stringify(s.labels.filter((l) => !['env', 'game', 'session_id', 'version'].includes(l.name))), s.samples[0]!.value]);
    expect(totals.filter(([labels]) => (labels as string).includes('hits_total'))).toEqual([
      ['[{"name":"__name__","value":"hits_total"},{"name":"a_b","value":"1"}]', 3],
      ['[{"name":"__name__","value":"hits_total"}]', 3],
      [`[{"name":"__name__","value":"hits_total"},{"name":"long","value":"${'v'.repeat(1024)}"}]`, 2],
    ]);
    expect(h.tracker.stats().metrics.dropped.invalid).toBe(2);
  });
});

describe('label sets that explode cardinality', () => {
  it('caps series per metric and in total, counts the overflow as limit, warns once per cap', () => {
    const h = createHarness({ max_series_per_metric: 50, max_series: 120 });
    for (let i = 0; i < 10_000; i++) h.tracker.increment('hits', { player: `p${i}` });
    for (let m = 0; m < 100; m++) h.tracker.gauge(`g${m}`, 1, { a: 'x' });
    const stats = h.tracker.stats().metrics;
    expect(stats.dropped.limit).toBe(9950 + 30);
    expect(sentSeries(h)).toHaveLength(120);
    expect(h.warnings.filter((w) => w.includes('label sets'))).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('metric series'))).toHaveLength(1);
    // The series already admitted keep counting.
    h.tracker.increment('hits', { player: 'p0' });
    expect(h.tracker.stats().metrics.dropped.limit).toBe(9980);
    expectBooksBalanced(h.tracker);
  });

  it('keeps the warnings table bounded when every call names a new metric', () => {
    const h = createHarness();
    for (let i = 0; i < 5000; i++) h.tracker.gauge(`metric_${i}`, NaN);
    expect(h.warnings.length).toBe(101);
    expect(h.warnings.at(-1)).toContain('more than 100 kinds of problems');
    expect(h.tracker.stats().metrics.dropped.invalid).toBe(5000);
  });
});

describe('span misuse', () => {
  it('end twice: one record, one warning', () => {
    const h = createHarness();
    const span = h.tracker.start_span('twice');
    for (let i = 0; i < 100; i++) span.end();
    expect(sentSpans(h)).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('more than once'))).toHaveLength(1);
    expect(h.tracker.stats().traces).toMatchObject({ produced: 1, sent: 1, pending: 0 });
  });

  it('never ended: bounded by max_open_spans (limit), and ended at shutdown', () => {
    const h = createHarness({ max_open_spans: 10 });
    for (let i = 0; i < 25; i++) h.tracker.start_span(`leak ${i}`);
    expect(h.tracker.stats().traces.dropped.limit).toBe(15);
    expect(h.warnings.filter((w) => w.includes('spans open'))).toHaveLength(1);
    h.tracker.shutdown(1000);
    const spans = h.http.ofChannel('traces').flatMap((r) => JSON.parse(r.body as string).resourceSpans[0].scopeSpans[0].spans as SentSpan[]);
    expect(spans).toHaveLength(10);
    expect(spans.every((s) => s.attributes.some((a) => a.key === 'game_tracker.ended_by'))).toBe(true);
    expectBooksBalanced(h.tracker);
  });

  it('parent from another trace, parent ended before the child, parent that is not a span', () => {
    const h = createHarness();
    const a = h.tracker.start_span('trace_a');
    const b = h.tracker.start_span('trace_b');
    const child = h.tracker.start_span('child_of_a', {}, a);
    a.end();
    const late = h.tracker.start_span('after_parent_ended', {}, a);
    late.end();
    child.end();
    b.end();
    const fake = h.tracker.start_span('fake_parent', {}, { trace_id: b.trace_id, span_id: b.span_id });
    fake.end();
    h.tracker.start_span('number_parent', {}, 7).end();
    const spans = Object.fromEntries(sentSpans(h).map((s) => [s.name, s]));
    expect(spans['child_of_a']!.traceId).toBe(a.trace_id);
    expect(spans['child_of_a']!.parentSpanId).toBe(a.span_id);
    expect(spans['after_parent_ended']!.parentSpanId).toBe(a.span_id);
    expect(spans['fake_parent']!.traceId).not.toBe(b.trace_id);
    expect(spans['fake_parent']!.parentSpanId).toBeUndefined();
    expect(h.warnings.filter((w) => w.includes('not a span'))).toHaveLength(1);
  });

  it('a span of another tracker instance as parent keeps its trace', () => {
    const h1 = createHarness();
    const h2 = createHarness();
    const foreign = h1.tracker.start_span('foreign');
    h2.tracker.start_span('local', {}, foreign).end();
    expect(sentSpans(h2)[0]!.traceId).toBe(foreign.trace_id);
  });

  it('calls on an ended or refused span do nothing and throw nothing', () => {
    const h = createHarness({ max_open_spans: 1 });
    const open = h.tracker.start_span('open');
    const refused = h.tracker.start_span('refused');
    expect(refused.is_recording()).toBe(false);
    for (const span of [refused, (open.end(), open)]) {
      span.set_attribute('k', 1);
      span.add_event('e', freedObject);
      span.set_error(hostileToString);
      span.end();
    }
    expect(sentSpans(h)).toHaveLength(1);
    expectBooksBalanced(h.tracker);
  });
});

describe('lifecycle misuse', () => {
  it('calls before init are kept up to the queue limit (the rest counted as before_init); init twice keeps the first', () => {
    const h = createHarness({}, false);
    for (let i = 0; i < 150; i++) {
      h.tracker.log_info('early');
      h.tracker.increment('early');
      h.tracker.start_span('early').end();
    }
    const stats = h.tracker.stats();
    expect([stats.logs.dropped.before_init, stats.metrics.dropped.before_init, stats.traces.dropped.before_init]).toEqual([50, 0, 50]);
    expect([stats.logs.pending, stats.metrics.pending, stats.traces.pending]).toEqual([100, 150, 100]);
    expect(h.warnings).toEqual([]);
    expectBooksBalanced(h.tracker);
    h.tracker.init({ game: 'first', endpoint: 'http://127.0.0.1:9' });
    h.tracker.init({ game: 'second' });
    h.tracker.init('garbage');
    expect(h.warnings.filter((w) => w.includes('init called again'))).toHaveLength(1);
    h.tracker.log_info('now');
    expect(sentLines(h)[0]!.labels['game']).toBe('first');
    expectBooksBalanced(h.tracker);
  });

  it('calls after shutdown are dropped (shutdown) with one warning', () => {
    const h = createHarness();
    h.tracker.shutdown(0);
    for (let i = 0; i < 50; i++) {
      h.tracker.log_warn('late');
      h.tracker.gauge('late', 1);
      h.tracker.start_span('late').end();
    }
    h.tracker.shutdown(0);
    const stats = h.tracker.stats();
    expect([stats.logs.dropped.shutdown, stats.metrics.dropped.shutdown, stats.traces.dropped.shutdown]).toEqual([50, 50, 50]);
    expect(h.warnings.filter((w) => w.includes('after shutdown'))).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('more than once'))).toHaveLength(1);
    expectBooksBalanced(h.tracker);
  });

  it('a throwing warning sink or HTTP port does not reach the game', () => {
    const h = createHarness();
    const throwing = createHarness();
    Object.assign(throwing.http, {
      send() {
        throw new Error('port exploded');
      },
    });
    throwing.tracker.log_info('x');
    throwing.tracker.flush();
    expect(() => throwing.frames(3)).not.toThrow();
    expect(throwing.tracker.stats().logs.dropped.send_failed).toBe(1);
    expect(h).toBeDefined();
  });
});
