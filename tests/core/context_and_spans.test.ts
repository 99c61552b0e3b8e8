import { describe, expect, it } from 'vitest';
import { createHarness } from '../fakes/tracker_harness';

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status: { code: number; message?: string };
  events: { name: string }[];
}

function sentSpans(h: ReturnType<typeof createHarness>): OtlpSpan[] {
  h.tracker.flush();
  h.tracker.tick();
  return h.http.ofChannel('traces').flatMap((r) => JSON.parse(r.body as string).resourceSpans[0].scopeSpans[0].spans as OtlpSpan[]);
}

function attr(span: OtlpSpan, key: string): unknown {
  return span.attributes.find((a) => a.key === key)?.value;
}

function sentLogs(h: ReturnType<typeof createHarness>): [string, string, Record<string, string>][] {
  h.tracker.flush();
  h.tracker.tick();
  return h.http.ofChannel('logs').flatMap((r) => JSON.parse(r.body as string).streams.flatMap((s: { values: unknown[] }) => s.values));
}

describe('span trees', () => {
  it('children share the trace id and point at their parent', () => {
    const h = createHarness();
    const root = h.tracker.start_span('level_load', { level: 'forest' });
    const child = h.tracker.start_span('load_textures', {}, root);
    const grandchild = h.tracker.start_span('decode', {}, child);
    grandchild.end();
    child.end();
    root.end();
    const spans = sentSpans(h);
    expect(spans.map((s) => s.name)).toEqual(['decode', 'load_textures', 'level_load']);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(spans[0]!.parentSpanId).toBe(spans[1]!.spanId);
    expect(spans[1]!.parentSpanId).toBe(spans[2]!.spanId);
    expect(spans[2]!.parentSpanId).toBeUndefined();
    expect(attr(spans[2]!, 'level')).toEqual({ stringValue: 'forest' });
  });

  it('records errors, events and typed attributes', () => {
    const h = createHarness();
    const span = h.tracker.start_span('purchase', { price: 3, ratio: 0.5, ok: false, tags: ['a', 'b'] });
    span.add_event('clicked', { button: 'buy' });
    span.set_error('card declined');
    span.end();
    const [sent] = sentSpans(h);
    expect(sent!.status).toEqual({ code: 2, message: 'card declined' });
    expect(sent!.events.map((e) => e.name)).toEqual(['clicked']);
    expect(attr(sent!, 'price')).toEqual({ intValue: '3' });
    expect(attr(sent!, 'ratio')).toEqual({ doubleValue: 0.5 });
    expect(attr(sent!, 'ok')).toEqual({ boolValue: false });
    expect(attr(sent!, 'tags')).toEqual({ arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } });
  });

  it('ignores a second end with one warning', () => {
    const h = createHarness();
    const span = h.tracker.start_span('x');
    span.end();
    span.end();
    span.end();
    expect(sentSpans(h)).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('more than once'))).toHaveLength(1);
  });

  it('starts a new trace when the parent is not a span', () => {
    const h = createHarness();
    h.tracker.start_span('x', {}, { span_id: 'forged' }).end();
    const [span] = sentSpans(h);
    expect(span!.parentSpanId).toBeUndefined();
    expect(h.warnings.join()).toContain('not a span');
  });

  it('stops recording past max_open_spans and counts the refusal', () => {
    const h = createHarness({ max_open_spans: 2 });
    h.tracker.start_span('a');
    h.tracker.start_span('b');
    const third = h.tracker.start_span('c');
    expect(third.is_recording()).toBe(false);
    third.end();
    expect(h.tracker.stats().traces.dropped.limit).toBe(1);
  });
});

describe('context', () => {
  it('puts session, user, tags and device on every log line as structured metadata', () => {
    const h = createHarness();
    h.tracker.set_user({ id: 'u-1', name: 'Ada' });
    h.tracker.set_tag('region', 'eu');
    h.tracker.log_info('joined', { player_id: '123' });
    const [[, line, meta]] = sentLogs(h) as [[string, string, Record<string, string>]];
    expect(JSON.parse(line)).toEqual({ msg: 'joined', data: { player_id: '123' } });
    expect(meta).toMatchObject({ user_id: 'u-1', user_name: 'Ada', region: 'eu', os_name: 'Linux', godot_version: '4.6.1' });
    expect(meta['session_id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replaces a named context as a whole and removes it with null', () => {
    const h = createHarness();
    h.tracker.set_context('character', { class: 'mage', level: 3 });
    h.tracker.log_info('a');
    h.tracker.set_context('character', { class: 'rogue' });
    h.tracker.log_info('b');
    h.tracker.set_context('character', null);
    h.tracker.log_info('c');
    const lines = sentLogs(h).map(([, line]) => JSON.parse(line));
    expect(lines.map((l) => l.context)).toEqual([{ character: { class: 'mage', level: 3 } }, { character: { class: 'rogue' } }, undefined]);
  });

  it('a later tag value replaces the earlier one; null removes it', () => {
    const h = createHarness();
    h.tracker.set_tag('mode', 'easy');
    h.tracker.set_tag('mode', 'hard');
    h.tracker.log_info('a');
    h.tracker.set_tag('mode', null);
    h.tracker.log_info('b');
    const metas = sentLogs(h).map(([, , meta]) => meta['mode']);
    expect(metas).toEqual(['hard', undefined]);
  });

  it('links a log line to a span passed as data.span', () => {
    const h = createHarness();
    const span = h.tracker.start_span('boss_fight');
    h.tracker.log_warn('low health', { span, hp: 3 });
    const [[, line, meta]] = sentLogs(h) as [[string, string, Record<string, string>]];
    expect(meta['trace_id']).toBe(span.trace_id);
    expect(meta['span_id']).toBe(span.span_id);
    expect(JSON.parse(line).data).toEqual({ hp: 3 });
  });

  it('carries user, tags and contexts as span attributes', () => {
    const h = createHarness();
    h.tracker.set_user('u-9');
    h.tracker.set_tag('region', 'eu');
    h.tracker.set_context('character', { class: 'mage' });
    h.tracker.start_span('x').end();
    const [span] = sentSpans(h);
    expect(attr(span!, 'user.id')).toEqual({ stringValue: 'u-9' });
    expect(attr(span!, 'region')).toEqual({ stringValue: 'eu' });
    expect(attr(span!, 'character.class')).toEqual({ stringValue: 'mage' });
  });

  it('skips levels below min_log_level at no cost to the books', () => {
    const h = createHarness({ min_log_level: 'warn' });
    h.tracker.log_debug('noise');
    h.tracker.log_info('noise');
    h.tracker.log_warn('signal');
    expect(h.tracker.stats().logs.produced).toBe(1);
  });
});
