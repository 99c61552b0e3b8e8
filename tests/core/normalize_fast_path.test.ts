/**
 * normalizeRecord copies flat records in one pass (a fast path for QuickJS) and walks everything else.
 * The fast path must give exactly the walk's result, limits and budget included. normalizeValue always
 * walks; it charges the record itself one node more, hence the extra NODE_OVERHEAD_CHARS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_OVERHEAD_CHARS, normalizeRecord, normalizeValue } from '../../addons/game_tracker/core/normalize';
import type { NormalizeLimits } from '../../addons/game_tracker/core/normalize';

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(undefined, null, NaN, Infinity, -0),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);
const limits = fc.record({
  maxStringLength: fc.integer({ min: 0, max: 10 }),
  maxKeys: fc.integer({ min: 0, max: 5 }),
  maxDepth: fc.integer({ min: 1, max: 3 }),
  maxTotalChars: fc.integer({ min: 0, max: 60 }),
});

describe('normalizeRecord fast path', () => {
  it('equals the walk for any record and limits', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 7 }), limits, (record, l: NormalizeLimits) => {
        const walked = normalizeValue(record, { ...l, maxTotalChars: l.maxTotalChars + NODE_OVERHEAD_CHARS });
        const fast = normalizeRecord(record, l);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(walked));
        expect(fast).toEqual(walked);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a "__proto__" key as data', () => {
    const record = JSON.parse('{"__proto__": "x", "a": 1}') as Record<string, unknown>;
    expect(Object.keys(normalizeRecord(record)!)).toEqual(['__proto__', 'a']);
  });
});
