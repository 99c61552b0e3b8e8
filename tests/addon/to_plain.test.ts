import { describe, expect, it } from 'vitest';
import GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { attachSpanHandle } from '../../addons/game_tracker/godot/span_handles';
import { toPlain } from '../../addons/game_tracker/godot/to_plain';
import type { SpanHandle } from '../../addons/game_tracker/core/api';
import { GArray, GDictionary } from '../godot_double/containers';
import { fromGDScript } from '../godot_double/gdscript';
import { Node } from '../godot_double/node';
import { Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector2i, Vector3 } from '../godot_double/variants';

describe('toPlain', () => {
  it('turns a GDScript Dictionary with nested containers into plain data', () => {
    const dict = fromGDScript({ level: 'cave', score: 12, tags: ['a', 'b'], nested: { ok: true, none: null } });
    expect(Object.keys(dict)).toEqual([]);
    expect(toPlain(dict)).toEqual({ level: 'cave', score: 12, tags: ['a', 'b'], nested: { ok: true, none: null } });
  });

  it('converts ints past 2^53 (BigInt) to a number when exact, else to a decimal string', () => {
    expect(toPlain(12n)).toBe(12);
    expect(toPlain(fromGDScript({ big: 2n ** 60n, small: -5n }))).toEqual({ big: '1152921504606846976', small: -5 });
  });

  it('prints vectors and colours the way Godot does, and NodePaths as paths', () => {
    const dict = fromGDScript({
      pos: new Vector2(1.5, -2),
      cell: new Vector2i(3, 4),
      dir: new Vector3(0, 1, 0),
      tint: new Color(1, 0.5, 0, 1),
      path: new NodePath('/root/Main/Player:position'),
    });
    expect(toPlain(dict)).toEqual({ pos: '(1.5, -2)', cell: '(3, 4)', dir: '(0, 1, 0)', tint: '(1, 0.5, 0, 1)', path: '/root/Main/Player:position' });
  });

  it('describes Godot objects by Godot, and survives freed ones', () => {
    const node = new Node();
    node.set_name('Player');
    const freed = new Node();
    freed.free();
    expect(toPlain({ who: node, gone: freed })).toEqual({ who: `Player:<Node#${node.get_instance_id()}>`, gone: '<freed object>' });
  });

  it('reads packed arrays and Dictionary keys that are not strings', () => {
    const dict = new GDictionary();
    dict.set(1, new PackedStringArray(['x', 'y']));
    dict.set(true, new PackedByteArray([7, 8]));
    expect(toPlain(dict)).toEqual({ '1': ['x', 'y'], true: [7, 8] });
  });

  it('reads .proxy() views through their target', () => {
    const dict = fromGDScript({ a: { b: [1, 2] } });
    expect(toPlain(dict.proxy())).toEqual({ a: { b: [1, 2] } });
    expect(toPlain(fromGDScript([1, { c: 2 }]).proxy())).toEqual([1, { c: 2 }]);
  });

  it('converts Godot values nested in TypeScript objects and arrays, and passes other JS values through', () => {
    const when = new Date(0);
    const error = new Error('boom');
    expect(toPlain({ list: [new Vector2(1, 2), GArray.create([3])], when, error })).toEqual({ list: ['(1, 2)', [3]], when, error });
  });

  it('bounds a Dictionary that contains itself (fresh wrappers defeat identity checks)', () => {
    const dict = new GDictionary();
    dict.set('name', 'loop');
    dict.set('self', dict);
    dict.set('again', dict);
    let depth = 0;
    for (let level = toPlain(dict) as Record<string, unknown>; typeof level['self'] === 'object'; level = level['self'] as Record<string, unknown>) depth++;
    expect(depth).toBeLessThanOrEqual(7);
    expect(JSON.stringify(toPlain(dict))).toContain('[too deep]');
  });

  it('stops converting a huge container after its budget and says so', () => {
    const big = GArray.create(Array.from({ length: 10_000 }, (_, i) => i));
    const plain = toPlain(big) as unknown[];
    expect(plain.length).toBeLessThan(5000);
    expect(plain.at(-1)).toBe('[truncated]');
  });

  it('marks JS cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(toPlain(a)).toEqual({ name: 'a', self: '[cycle]' });
  });

  it('unwraps a span wrapper to the core span, at the top and inside log data', () => {
    const handle = { trace_id: 't', span_id: 's' } as SpanHandle;
    const span = new GameTrackerSpan();
    attachSpanHandle(span, handle);
    expect(toPlain(span)).toBe(handle);
    expect((toPlain(fromGDScript({ span })) as { span: unknown }).span).toBe(handle);
  });

  it('keeps a wrapper whose span has not started yet, for the call queue to resolve later', () => {
    const span = new GameTrackerSpan();
    expect((toPlain({ span }) as { span: unknown }).span).toBe(span);
  });

  it('keeps primitives and undefined as they are', () => {
    expect([toPlain('x'), toPlain(1.5), toPlain(false), toPlain(null), toPlain(undefined)]).toEqual(['x', 1.5, false, null, undefined]);
  });
});
