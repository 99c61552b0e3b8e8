/**
 * Hostile values on the core, case by case: wrong types, NaN and infinities, 1 MB strings and
 * 10,000-key dictionaries, deep, cyclic and shared data, Godot values and objects that throw. For
 * each: no exception escapes, the wire carries a sane result (clamped, truncated with a marker, or
 * nothing), one warning per kind, and the drop is counted under its reason. The property test
 * (hostile_sequences) mixes all of these at random; hostile_misuse covers names, cardinality, spans
 * and the lifecycle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../addons/game_tracker/core/api';
import { MAX_LINE_CHARS } from '../../addons/game_tracker/core/logs/encode_loki';
import { MAX_LABELS_PER_SERIES } from '../../addons/game_tracker/core/metrics/registry';
import { createHarness } from '../fakes/tracker_harness';
import { FAN_OUT, MEGABYTE_STRING, NAMED_HOSTILE_VALUES, Vector2, WIDE_DICT, cyclic, deeplyNested, freedObject, hostileToString, throwingGetter } from './hostile_values';
import { flushAll, nameOf, sentLines, sentSeries, sentSpans } from './hostile_wire';
import { expectBooksBalanced } from './support';

const ALL_METHODS: readonly (keyof Tracker)[] = [
  'init', 'log_debug', 'log_info', 'log_warn', 'log_error', 'increment', 'gauge', 'histogram', 'start_span',
  'set_user', 'set_context', 'set_tag', 'flush', 'shutdown', 'tick', 'stats',
];

describe('wrong types for every argument', () => {
  it('no method throws, whatever each argument is (property-based)', () => {
    const h = createHarness();
    const arg = fc.constantFrom(...NAMED_HOSTILE_VALUES);
    fc.assert(
      fc.property(fc.constantFrom(...ALL_METHODS.filter((m) => m !== 'shutdown')), arg, arg, arg, (method, a, b, c) => {
        const call = h.tracker[method] as (...args: unknown[]) => unknown;
        call.call(h.tracker, a, b, c);
        expectBooksBalanced(h.tracker);
      }),
      { numRuns: 400 },
    );
    flushAll(h);
    h.tracker.shutdown('soon', 'not a function' as unknown as () => void);
    h.tracker.shutdown(NaN, 5 as unknown as () => void);
    expectBooksBalanced(h.tracker);
  });

  it('drops what cannot be a metric and counts it as invalid, one warning per kind', () => {
    const h = createHarness();
    h.tracker.increment(null);
    h.tracker.increment(42, { a: 1 });
    h.tracker.gauge('fps', 'sixty');
    h.tracker.gauge('fps', { v: 1 });
    h.tracker.histogram('load_ms', [1]);
    h.tracker.increment('coins', 'not labels');
    h.tracker.increment('coins', ['a']);
    h.tracker.increment('coins', new Map([['a', 1]]));
    for (let i = 0; i < 1000; i++) h.tracker.gauge('fps', NaN);
    const stats = h.tracker.stats().metrics;
    expect(stats.dropped.invalid).toBe(1008);
    expect(h.warnings.filter((w) => w.includes('fps'))).toHaveLength(1);
    expect(sentSeries(h)).toEqual([]);
    expectBooksBalanced(h.tracker);
  });

  it('turns a non-string message or data into text and a record rather than losing the line', () => {
    const h = createHarness();
    h.tracker.log_info(404, 'not a dict');
    h.tracker.log_info({ event: 'x' }, [1, 2]);
    h.tracker.log_info(undefined);
    const lines = sentLines(h).map((l) => l.line);
    expect(lines).toEqual([
      { msg: '404', data: { value: 'not a dict' } },
      { msg: '{"event":"x"}', data: { value: [1, 2] } },
      { msg: 'null' },
    ]);
  });
});

describe('NaN, ±Infinity, -0', () => {
  it('refuses non-finite metric values (invalid) and accepts -0 as 0', () => {
    const h = createHarness();
    for (const v of [NaN, Infinity, -Infinity]) {
      h.tracker.increment('hits', undefined, v);
      h.tracker.gauge('temp', v);
      h.tracker.histogram('load_ms', v);
    }
    h.tracker.increment('hits', undefined, -0);
    h.tracker.increment('hits', undefined, -1);
    h.tracker.gauge('temp', -0);
    expect(h.tracker.stats().metrics.dropped.invalid).toBe(10);
    const series = sentSeries(h);
    expect(series.map((s) => [nameOf(s), s.samples[0]!.value])).toEqual([
      ['hits_total', 0],
      ['temp', -0],
    ]);
  });

  it('names them in log data instead of writing null', () => {
    const h = createHarness();
    h.tracker.log_info('numbers', { nan: NaN, inf: Infinity, ninf: -Infinity, nz: -0 });
    expect(sentLines(h)[0]!.line.data).toEqual({ nan: 'NaN', inf: 'Infinity', ninf: '-Infinity', nz: 0 });
  });
});

describe('1 MB strings and 10,000-key dictionaries', () => {
  it('truncates messages, values, keys, span names and attributes with a marker', () => {
    const h = createHarness();
    h.tracker.log_error(MEGABYTE_STRING, { big: MEGABYTE_STRING, [MEGABYTE_STRING]: 1 });
    const span = h.tracker.start_span(MEGABYTE_STRING, { big: MEGABYTE_STRING });
    span.add_event(MEGABYTE_STRING, { big: MEGABYTE_STRING });
    span.set_error(MEGABYTE_STRING);
    span.end();
    const [line] = sentLines(h);
    expect(line!.line.msg).toMatch(/^x{8192}…\[truncated 1040384 chars\]$/);
    expect(line!.line.data!['big']).toMatch(/^x{4096}…\[truncated 1044480 chars\]$/);
    expect(Object.keys(line!.line.data!)[1]).toMatch(/…\[truncated 1044480 chars\]$/);
    const [sent] = sentSpans(h);
    expect(sent!.name).toMatch(/^x{256}…\[truncated/);
    expect(sent!.attributes.find((a) => a.key === 'big')!.value['stringValue']).toMatch(/^x{4096}…\[truncated/);
  });

  it('keeps 256 keys of a 10,000-key dictionary and says how many were left out', () => {
    const h = createHarness();
    h.tracker.log_info('wide', WIDE_DICT);
    h.tracker.start_span('wide', WIDE_DICT).end();
    const data = sentLines(h)[0]!.line.data!;
    expect(Object.keys(data)).toHaveLength(257);
    expect(data['…']).toBe('9744 more keys');
    const [span] = sentSpans(h);
    expect(span!.droppedAttributesCount).toBeGreaterThan(0);
    expect(span!.attributes.length).toBeLessThanOrEqual(128);
  });

  it('refuses a 10,000-label metric call (invalid) instead of writing a 10,000-label series', () => {
    const h = createHarness();
    h.tracker.increment('wide', WIDE_DICT);
    const labels: Record<string, number> = {};
    for (let i = 0; i < MAX_LABELS_PER_SERIES; i++) labels[`l${i}`] = i;
    h.tracker.increment('ok', labels);
    expect(h.tracker.stats().metrics.dropped.invalid).toBe(1);
    expect(sentSeries(h).map(nameOf)).toEqual(['ok_total']);
  });

  it('cuts a metric label value to 1024 characters', () => {
    const h = createHarness();
    h.tracker.increment('hits', { who: MEGABYTE_STRING });
    const who = sentSeries(h)[0]!.labels.find((l) => l.name === 'who')!.value;
    expect(who).toHaveLength(1024);
  });

  it('caps a whole line even when every part is within its own limit', () => {
    const h = createHarness();
    for (let i = 0; i < 32; i++) h.tracker.set_context(`ctx${i}`, { text: 'y'.repeat(4000), more: 'z'.repeat(4000) });
    h.tracker.log_info('crowded', { a: 'a'.repeat(4000) });
    const [line] = sentLines(h);
    expect(line!.line.msg).toBe('crowded');
    expect(line!.line.truncated).toMatch(/^…\[data and context left out: the line had \d+ chars\]$/);
    expect(JSON.stringify(line!.line).length).toBeLessThan(MAX_LINE_CHARS);
  });
});

describe('deeply nested, cyclic and shared data', () => {
  it('marks depth and cycles and never expands a shared fan-out', () => {
    const h = createHarness();
    h.tracker.log_info('deep', { deep: deeplyNested(50) });
    h.tracker.log_info('cycle', { cycle: cyclic() });
    const started = performance.now();
    h.tracker.log_info('fan-out', { fan: FAN_OUT });
    expect(performance.now() - started).toBeLessThan(200);
    const lines = sentLines(h).map((l) => JSON.stringify(l.line));
    expect(lines[0]).toContain('[too deep]');
    expect(lines[1]).toContain('[cycle]');
    expect(lines[2]!.length).toBeLessThan(40_000);
    expect(lines[2]).toContain('more keys');
  });

  it('takes nested data as span attributes with dotted keys and a depth marker', () => {
    const h = createHarness();
    h.tracker.start_span('nested', { a: { b: { c: 1 } }, deep: deeplyNested(20), loop: cyclic() }).end();
    const [span] = sentSpans(h);
    expect(span!.attributes.find((a) => a.key === 'a.b.c')!.value).toEqual({ intValue: '1' });
    expect(JSON.stringify(span!.attributes)).toContain('[too deep]');
    expect(JSON.stringify(span!.attributes)).toContain('[cycle]');
  });
});

describe('Godot values and hostile objects inside data', () => {
  it('describes engine values by their own text, packed arrays by their size, and survives throwing ones', () => {
    const h = createHarness();
    h.tracker.log_info('values', {
      pos: new Vector2(3, 4),
      bytes: new Uint8Array(1024 * 1024),
      freed: freedObject,
      getter: throwingGetter,
      text: hostileToString,
      when: new Date(0),
      err: new TypeError('boom'),
      big: 2n ** 70n,
      fn: () => 1,
      sym: Symbol('s'),
    });
    h.tracker.log_info(freedObject, freedObject);
    h.tracker.log_info('labels', { span: freedObject });
    const lines = sentLines(h).map((l) => l.line);
    expect(lines[0]!.data).toEqual({
      pos: '(3, 4)',
      bytes: '[Uint8Array(1048576 bytes)]',
      freed: '[unreadable]',
      getter: { ok: 1, bad: '[unreadable]' },
      text: '[Object]',
      when: '1970-01-01T00:00:00.000Z',
      err: 'TypeError: boom',
      big: '1180591620717411303424',
      fn: '[function]',
      sym: 'Symbol(s)',
    });
    expect(lines).toHaveLength(3);
    expectBooksBalanced(h.tracker);
  });

  it('counts a call that failed inside the tracker as dropped (invalid) rather than losing it', () => {
    const h = createHarness();
    h.tracker.increment('hits', { who: hostileToString });
    h.tracker.increment('hits', freedObject);
    const stats = h.tracker.stats().metrics;
    expect(stats.produced).toBe(2);
    expect(stats.dropped.invalid).toBe(2);
    expectBooksBalanced(h.tracker);
  });
});
