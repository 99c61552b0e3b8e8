/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-function-type, @typescript-eslint/no-wrapper-object-types -- mirrors GodotJS's generated shapes; `Object` here is Godot's class */
/**
 * A hand-written subset of the typings GodotJS generates (snake_case bindings, GodotJS ≥ 1.1 shapes):
 * exactly the Godot API GameTracker and its demo use, so that the addon type-checks in CI without an
 * engine. In a game project the editor generates the full typings (typings/godot*.gen.d.ts); the
 * addon must compile against those too, so every declaration here mirrors theirs, never a looser one.
 * (Generating types in this repository's own editor would add those files next to these: delete
 * typings/godot_subset/ then, or tsc reports duplicate declarations.)
 */
declare module 'godot' {
  type byte = number;
  type int64 = number; // or bigint past 2^53 - 1 when it comes from Godot
  type float64 = number;
  type StringName = string;

  /** `.proxy()` views of GDictionary/GArray return the wrapped container under this key. */
  const ProxyTarget: unique symbol;

  /** What a Godot Variant can hold, restricted to the Variant types declared here. */
  type GAny =
    | undefined
    | null
    | boolean
    | int64
    | float64
    | string
    | Vector2i
    | NodePath
    | Callable
    | Signal
    | GDictionary
    | GArray
    | PackedByteArray
    | PackedStringArray
    | Object;

  /** What `GDictionary.create`/`GArray.create` convert recursively: Variants, JS arrays, plain objects. */
  type GWrappableValue = GAny | GWrappableValue[] | { [key: number | string]: GWrappableValue };

  /** Godot's Dictionary. A wrapper object: `Object.keys(d)` is `[]`; read it with keys()/get(). */
  class GDictionary<T = Record<any, any>> {
    /** Recursively converts plain objects to GDictionary and arrays to GArray. */
    static create<V extends { [key: number | string]: GWrappableValue }>(properties: V): GDictionary<V>;
    get<K extends keyof T>(key: K, default_?: any): T[K] | null;
    keys(): GArray;
    size(): int64;
    /** A copy made by Godot; `deep` copies nested Dictionaries and Arrays too (Objects stay shared). */
    duplicate(deep?: boolean /* = false */): GDictionary<T>;
  }

  /** Godot's Array. A wrapper object: `Array.isArray(a)` is false. */
  class GArray<T = any> {
    /** Recursively converts plain objects to GDictionary and arrays to GArray. */
    static create<E extends GAny>(elements: Array<E>): GArray<E>;
    size(): int64;
    get(index: int64): T;
    /** GodotJS binds this on every indexable Variant type (Array and the Packed*Arrays). */
    get_indexed(index: int64): T;
    /** A copy made by Godot; `deep` copies nested Dictionaries and Arrays too (Objects stay shared). */
    duplicate(deep?: boolean /* = false */): this;
  }

  class Callable<T extends Function = Function> {
    /** A free callable; `this` is undefined inside `fn` (use arrow functions). */
    static create<F extends Function>(fn: F): Callable<F>;
    /** A callable bound to `self`; it becomes invalid when `self` is freed. */
    static create<S extends Object, F extends (this: S, ...args: any[]) => any>(self: S, fn: F): Callable<F>;
    call: T;
    /** Calls it when the frame's deferred calls run (after every node's _process, before queued deletions). */
    call_deferred(...varargs: any[]): void;
  }

  class Signal<T extends (...args: any[]) => void = (...args: any[]) => void> {
    /** The engine types the result as an int (an Error code: OK is 0). */
    connect(callable: Callable<T>, flags?: int64 /* = 0 */): int64;
  }

  class PackedByteArray {
    size(): int64;
    get(index: int64): int64;
    get_string_from_utf8(): string;
    /** [GodotJS] Copies the bytes into a new ArrayBuffer. */
    to_array_buffer(): ArrayBuffer;
  }

  /** Typed with get()/size(); get_indexed() runs but is not in GodotJS's typings, so never use it. */
  class PackedStringArray {
    size(): int64;
    get(index: int64): string;
  }

  class Vector2i {
    get x(): int64;
    get y(): int64;
  }

  class NodePath {
    is_absolute(): boolean;
    get_concatenated_names(): StringName;
    get_concatenated_subnames(): StringName;
  }

  /**
   * Godot's global Error enum. Its exported name differs between GodotJS versions (`Error` at HEAD in
   * snake_case mode, `GError` in 1.0.0 and in camelCase mode), so GameTracker never names it: it
   * compares return values with plain numbers.
   */
  enum Error {
    OK = 0,
    FAILED = 1,
    ERR_UNCONFIGURED = 3,
    ERR_CANT_CONNECT = 25,
    ERR_INVALID_PARAMETER = 31,
    ERR_BUSY = 44,
  }
}
