/**
 * Godot Dictionary/Array as GodotJS wraps them (GDictionary/GArray): wrapper objects with no own
 * properties (`Object.keys(d)` is `[]`, `JSON.stringify(d)` is "{}", `Array.isArray(a)` is false),
 * read through Godot's methods, injected iteration, or `.proxy()`. Each read of a nested container
 * returns a NEW wrapper around the same storage, as GodotJS does, so identity cannot detect cycles.
 */
import { engine } from './engine_state';
import { GodotObject, holdInGDScript } from './objects_base';
import { Callable, Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector3 } from './variants';

export const ProxyTarget: unique symbol = Symbol('ProxyTarget');

class DictStore {
  readonly map = new Map<unknown, unknown>();
}
class ArrayStore {
  readonly items: unknown[] = [];
}

const variantPrototypes: object[] = [Vector2, Vector3, Color, NodePath, PackedByteArray, PackedStringArray, Callable, GodotObject].map(
  (cls) => cls.prototype,
);

export function registerVariantClass(cls: { prototype: object }): void {
  variantPrototypes.push(cls.prototype);
}

/**
 * JS → Godot for an untyped Variant slot (GDictionary.set, Signal.emit, return values): GodotJS
 * converts primitives, BigInt, ArrayBuffer (to PackedByteArray), wrappers and Godot objects, and
 * fails on plain objects, JS arrays, typed arrays and functions ("js_to_gd_var: unhandled type").
 */
export function toVariant(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (['boolean', 'number', 'string', 'bigint'].includes(typeof value)) return value;
  if (value instanceof ArrayBuffer) return new PackedByteArray(value);
  const target = unwrapProxy(value);
  if (target instanceof GDictionary) return target.store;
  if (target instanceof GArray) return target.store;
  if (typeof target === 'object' && target !== null && variantPrototypes.some((proto) => Object.prototype.isPrototypeOf.call(proto, target))) {
    return target;
  }
  throw new TypeError(`js_to_gd_var: unhandled type (${describe(value)}); expected a Variant`);
}

/** Godot → JS: containers come back as fresh wrappers. */
export function fromVariant(stored: unknown): unknown {
  if (stored instanceof DictStore) return GDictionary.wrap(stored);
  if (stored instanceof ArrayStore) return GArray.wrap(stored);
  return stored;
}

export class GDictionary {
  #store = new DictStore();

  /** @internal */
  static wrap(store: DictStore): GDictionary {
    const dict = new GDictionary();
    dict.#store = store;
    return dict;
  }

  /** @internal */
  get store(): DictStore {
    return this.#store;
  }

  static create(properties: Record<string, unknown>): GDictionary {
    const dict = new GDictionary();
    for (const [key, value] of Object.entries(properties)) dict.set(key, godotWrap(value));
    return dict;
  }

  get(key: unknown, fallback: unknown = null): unknown {
    const map = this.#store.map;
    const variantKey = toVariant(key);
    return map.has(variantKey) ? fromVariant(map.get(variantKey)) : fallback;
  }
  set(key: unknown, value: unknown): void {
    this.#store.map.set(toVariant(key), stored(value));
  }
  has(key: unknown): boolean {
    return this.#store.map.has(toVariant(key));
  }
  erase(key: unknown): boolean {
    return this.#store.map.delete(toVariant(key));
  }
  size(): number {
    return this.#store.map.size;
  }
  keys(): GArray {
    return GArray.create([...this.#store.map.keys()].map(fromVariant));
  }
  get_keyed(key: unknown): unknown {
    return this.get(key);
  }
  /** Godot's copy: `deep` copies nested Dictionaries and Arrays; Objects and other values are shared. */
  duplicate(deep = false): GDictionary {
    return GDictionary.wrap(copyStore(this.#store, deep));
  }

  *[Symbol.iterator](): IterableIterator<{ key: unknown; value: unknown }> {
    for (const [key, value] of this.#store.map) yield { key: fromVariant(key), value: fromVariant(value) };
  }

  proxy(): Record<string, unknown> {
    return new Proxy(this, DICTIONARY_PROXY) as unknown as Record<string, unknown>;
  }
}

const DICTIONARY_PROXY: ProxyHandler<GDictionary> = {
  get: (target, key) => (key === ProxyTarget ? target : typeof key === 'string' && target.has(key) ? proxyWrap(target.get(key)) : undefined),
  set(target, key, value) {
    if (typeof key !== 'string') return false;
    target.set(key, unwrapProxy(value));
    return true;
  },
  has: (target, key) => typeof key === 'string' && target.has(key),
  deleteProperty: (target, key) => typeof key === 'string' && target.erase(key),
  ownKeys: (target) => [...target].map(({ key }) => key).filter((key): key is string => typeof key === 'string'),
  getOwnPropertyDescriptor: (target, key) =>
    typeof key === 'string' && target.has(key)
      ? { configurable: true, enumerable: true, writable: true, value: proxyWrap(target.get(key)) }
      : undefined,
};

export class GArray {
  #store = new ArrayStore();

  /** @internal */
  static wrap(store: ArrayStore): GArray {
    const array = new GArray();
    array.#store = store;
    return array;
  }

  /** @internal */
  get store(): ArrayStore {
    return this.#store;
  }

  static create(elements: readonly unknown[]): GArray {
    const array = new GArray();
    for (const element of elements) array.push_back(godotWrap(element));
    return array;
  }

  size(): number {
    return this.#store.items.length;
  }
  get_indexed(index: number): unknown {
    if (!(index >= 0 && index < this.#store.items.length)) throw new RangeError(`index ${index} out of bounds`);
    return fromVariant(this.#store.items[index]);
  }
  get(index: number): unknown {
    return this.get_indexed(index);
  }
  push_back(value: unknown): void {
    this.#store.items.push(stored(value));
  }
  duplicate(deep = false): GArray {
    return GArray.wrap(copyStore(this.#store, deep));
  }

  *[Symbol.iterator](): IterableIterator<unknown> {
    for (const item of this.#store.items) yield fromVariant(item);
  }

  proxy(): unknown[] {
    return new Proxy(this, ARRAY_PROXY) as unknown as unknown[];
  }
}

const ARRAY_PROXY: ProxyHandler<GArray> = {
  get(target, key) {
    if (key === ProxyTarget) return target;
    if (key === Symbol.iterator) return function* () { for (const item of target) yield proxyWrap(item); };
    if (key === 'length') return target.size();
    if (key === 'toJSON') return () => [...target].map(proxyWrap);
    const index = typeof key === 'string' ? Number(key) : NaN;
    return Number.isInteger(index) && index >= 0 && index < target.size() ? proxyWrap(target.get_indexed(index)) : undefined;
  },
  ownKeys: (target) => Array.from({ length: target.size() }, (_, i) => String(i)),
  getOwnPropertyDescriptor: (target, key) => {
    const index = typeof key === 'string' ? Number(key) : NaN;
    if (!(Number.isInteger(index) && index >= 0 && index < target.size())) return undefined;
    return { configurable: true, enumerable: true, writable: true, value: proxyWrap(target.get_indexed(index)) };
  },
};

/** Godot's recursive_duplicate stops here ("Max recursion reached") and puts an empty container. */
const MAX_RECURSION = 100;

function copyStore<S extends DictStore | ArrayStore>(store: S, deep: boolean, depth = 0): S {
  const copy = (value: unknown): unknown =>
    deep && (value instanceof DictStore || value instanceof ArrayStore) ? copyStore(value, true, depth + 1) : stored(value);
  if (depth > MAX_RECURSION) {
    engine.errorPrints.push('Max recursion reached');
    return (store instanceof DictStore ? new DictStore() : new ArrayStore()) as S;
  }
  if (store instanceof DictStore) {
    const out = new DictStore();
    for (const [key, value] of store.map) out.map.set(key, copy(value));
    return out as S;
  }
  const out = new ArrayStore();
  for (const item of store.items) out.items.push(copy(item));
  return out as S;
}

/**
 * A value as a container entry: an object in it holds a reference, as a Variant does. The double never
 * gives it back (containers here are not freed), which can only keep an object from being reused.
 */
function stored(value: unknown): unknown {
  const variant = toVariant(value);
  holdInGDScript(variant);
  return variant;
}

function proxyWrap(value: unknown): unknown {
  return value instanceof GDictionary || value instanceof GArray ? value.proxy() : value;
}

function unwrapProxy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return (value as { [ProxyTarget]?: unknown })[ProxyTarget] ?? value;
}

/** GDictionary.create/GArray.create convert nested plain objects and arrays (GodotJS PR #96). */
function godotWrap(value: unknown): unknown {
  if (Array.isArray(value)) return GArray.create(value);
  if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return GDictionary.create(value as Record<string, unknown>);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
}
