/**
 * What a game (or a bug in one) can hand the tracker: the named hostile values of the issue, and
 * fast-check arbitraries that mix them with everything JavaScript can express.
 */
import fc from 'fast-check';

export const MEGABYTE_STRING = 'x'.repeat(1024 * 1024);

export const WIDE_DICT: Record<string, number> = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key_${i}`, i]));

export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { level: i, inner: value, list: [value] };
  return value;
}

export function cyclic(): unknown {
  const a: Record<string, unknown> = { name: 'a' };
  const b: Record<string, unknown> = { name: 'b', a, list: [a] };
  a['b'] = b;
  a['self'] = a;
  return a;
}

/** Small to build, huge to expand: each level refers to the next one 256 times (256^6 paths). */
export function sharedFanOut(): unknown {
  let level: unknown = MEGABYTE_STRING;
  for (let depth = 0; depth < 6; depth++) {
    const next: Record<string, unknown> = {};
    for (let i = 0; i < 256; i++) next[`k${i}`] = level;
    level = next;
  }
  return level;
}

/** A Godot value as GodotJS hands it over: a class instance with its own `toString`. */
export class Vector2 {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  toString(): string {
    return `(${this.x}, ${this.y})`;
  }
}

/**
 * Engine objects whose native side is gone (a freed Node) throw on every access. Symbol keys are
 * spared only so that fast-check itself can hold the value (it looks for its clone method).
 */
export const freedObject: object = new Proxy(
  {},
  {
    get(_target, key) {
      if (typeof key === 'symbol') return undefined;
      throw new Error('Object was freed');
    },
    has(_target, key) {
      if (typeof key === 'symbol') return false;
      throw new Error('Object was freed');
    },
    ownKeys() {
      throw new Error('Object was freed');
    },
    getPrototypeOf() {
      throw new Error('Object was freed');
    },
    getOwnPropertyDescriptor() {
      throw new Error('Object was freed');
    },
  },
);

export const throwingGetter: object = Object.defineProperty({ ok: 1 }, 'bad', {
  enumerable: true,
  get() {
    throw new Error('getter says no');
  },
});

export const hostileToString: object = Object.create({
  toString() {
    throw new Error('toString says no');
  },
  valueOf() {
    throw new Error('valueOf says no');
  },
});

export const NAMED_HOSTILE_VALUES: readonly unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2n ** 70n,
  -5n,
  '',
  ' ',
  '\u0000',
  '🎮💥',
  '名前',
  MEGABYTE_STRING,
  WIDE_DICT,
  deeplyNested(40),
  cyclic(),
  new Vector2(1, 2),
  freedObject,
  throwingGetter,
  hostileToString,
  Symbol('s'),
  () => 'function',
  new Uint8Array(1024 * 1024),
  new Float32Array(3),
  new ArrayBuffer(16),
  new Map([['a', 1]]),
  new Set([1]),
  new Date(NaN),
  new Date(0),
  new Error('boom'),
  Object.create(null),
  [],
  [1, [2, [3]]],
  null,
  undefined,
  true,
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
];

/** The shared fan-out takes time to build; the property tests get it once. */
export const FAN_OUT = sharedFanOut();

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMED_HOSTILE_VALUES, FAN_OUT) },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 5,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withSparseArray: true,
      withObjectString: true,
    }),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Metric and label names: good ones, reserved ones, invalid ones, unicode and the wrong type. */
export const RESERVED_OR_ODD_NAMES = ['__name__', 'le', 'session_id', 'game', 'env', 'version', '', '名前', 'a b', 'a-b', 'a_b', '__x', '0abc', '!!!', 'x'.repeat(300)];

export const metricName: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('deaths', 'frame_ms', 'fps', 'shop.revenue', 'h', 'h_sum', 'h_count', 'deaths_total') },
  { weight: 2, arbitrary: fc.constantFrom(...RESERVED_OR_ODD_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: hostileValue },
);

export const labelSet: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('cause', 'zone', 'level', 'a-b', 'a_b'), fc.constantFrom(...RESERVED_OR_ODD_NAMES)), fc.oneof(fc.constantFrom('lava', 'spikes', '', 'x'.repeat(2000)), fc.integer(), fc.constant(null), hostileValue), { maxKeys: 4 }) },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
