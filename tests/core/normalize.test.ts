import { describe, expect, it } from 'vitest';
import { normalizeRecord, normalizeValue, truncate } from '../../addons/game_tracker/core/normalize';

describe('normalizeValue', () => {
  it('keeps JSON-like data as it is', () => {
    const data = { a: 1, b: 'x', c: [true, null], d: { e: 2.5 } };
    expect(normalizeValue(data)).toEqual(data);
  });

  it('names numbers JSON cannot carry', () => {
    expect(normalizeValue([NaN, Infinity, -Infinity])).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('marks cycles instead of looping', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(normalizeValue(a)).toEqual({ name: 'a', self: '[cycle]' });
  });

  it('keeps shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(normalizeValue({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('cuts deep nesting with a marker', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(normalizeValue(deep))).toContain('[too deep]');
  });

  it('truncates huge strings with a marker', () => {
    const out = normalizeValue('x'.repeat(1_000_000)) as string;
    expect(out.length).toBeLessThan(5000);
    expect(out).toMatch(/…\[truncated 995904 chars\]$/);
  });

  it('bounds the number of keys', () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) big[`k${i}`] = i;
    const out = normalizeValue(big) as Record<string, unknown>;
    expect(Object.keys(out)).toHaveLength(257);
    expect(out['…']).toBe('9744 more keys');
  });

  it('turns big integers, dates, errors and class instances into readable values', () => {
    class Vector2 {
      constructor(readonly x: number, readonly y: number) {}
      toString(): string {
        return `(${this.x}, ${this.y})`;
      }
    }
    expect(normalizeValue({ n: 2n ** 64n, s: 5n, v: new Vector2(1, 2), e: new TypeError('boom'), t: new Date(0) })).toEqual({
      n: '18446744073709551616',
      s: 5,
      v: '(1, 2)',
      e: 'TypeError: boom',
      t: '1970-01-01T00:00:00.000Z',
    });
  });

  it('survives a hostile toString', () => {
    const hostile = Object.create({ toString: () => { throw new Error('no'); } }) as object;
    expect(normalizeValue(hostile)).toBe('[Object]');
  });
});

describe('normalizeRecord', () => {
  it('accepts only records', () => {
    expect(normalizeRecord('text')).toBeUndefined();
    expect(normalizeRecord([1])).toBeUndefined();
    expect(normalizeRecord(null)).toBeUndefined();
    expect(normalizeRecord({ a: 1 })).toEqual({ a: 1 });
  });
});

describe('truncate', () => {
  it('leaves short strings alone', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });
});
