import { callDeferred } from './deferred';

/**
 * Godot value types as GodotJS wraps them: class instances whose data sits behind accessors (so
 * `Object.keys(v)` is `[]`) and which have no useful JS toString. Packed arrays are not iterable and
 * are typed with size() and get(i): get_indexed() runs in the engine but is not in its typings.
 */
export class Vector2 {
  readonly #x: number;
  readonly #y: number;
  constructor(x = 0, y = 0) {
    this.#x = x;
    this.#y = y;
  }
  get x(): number {
    return this.#x;
  }
  get y(): number {
    return this.#y;
  }
}

export class Vector2i extends Vector2 {
  constructor(x = 0, y = 0) {
    super(Math.trunc(x), Math.trunc(y));
  }
}

export class Vector3 {
  readonly #xyz: readonly [number, number, number];
  constructor(x = 0, y = 0, z = 0) {
    this.#xyz = [x, y, z];
  }
  get x(): number {
    return this.#xyz[0];
  }
  get y(): number {
    return this.#xyz[1];
  }
  get z(): number {
    return this.#xyz[2];
  }
}

export class Color {
  readonly #rgba: readonly [number, number, number, number];
  constructor(r = 0, g = 0, b = 0, a = 1) {
    this.#rgba = [r, g, b, a];
  }
  get r(): number {
    return this.#rgba[0];
  }
  get g(): number {
    return this.#rgba[1];
  }
  get b(): number {
    return this.#rgba[2];
  }
  get a(): number {
    return this.#rgba[3];
  }
}

export class NodePath {
  readonly #path: string;
  constructor(path: string | NodePath = '') {
    this.#path = typeof path === 'string' ? path : path.#path;
  }
  is_absolute(): boolean {
    return this.#path.startsWith('/');
  }
  get_concatenated_names(): string {
    return this.#path.replace(/^\//, '').split(':')[0] ?? '';
  }
  get_concatenated_subnames(): string {
    return this.#path.split(':').slice(1).join(':');
  }
}

export class PackedByteArray {
  readonly #bytes: Uint8Array;
  constructor(from?: PackedByteArray | number[] | ArrayBuffer) {
    if (from === undefined) this.#bytes = new Uint8Array(0);
    else if (from instanceof PackedByteArray) this.#bytes = from.#bytes.slice();
    else if (from instanceof ArrayBuffer) this.#bytes = new Uint8Array(from.slice(0));
    else if (Array.isArray(from)) this.#bytes = Uint8Array.from(from);
    else throw new TypeError('Unable to convert JS object to Godot PackedByteArray');
  }
  size(): number {
    return this.#bytes.length;
  }
  get(index: number): number {
    const value = this.#bytes[index];
    if (value === undefined) throw new RangeError(`index ${index} out of bounds`);
    return value;
  }
  to_array_buffer(): ArrayBuffer {
    return this.#bytes.slice().buffer;
  }
  get_string_from_utf8(): string {
    return new TextDecoder().decode(this.#bytes);
  }
}

export class PackedStringArray {
  readonly #items: string[];
  constructor(from: PackedStringArray | readonly string[] = []) {
    this.#items = from instanceof PackedStringArray ? [...from.#items] : [...from];
  }
  size(): number {
    return this.#items.length;
  }
  get(index: number): string {
    const value = this.#items[index];
    if (value === undefined) throw new RangeError(`index ${index} out of bounds`);
    return value;
  }
}

type AnyFunction = (...args: never[]) => unknown;

/** Callable.create(fn) (free: `this` is undefined) or Callable.create(self, fn) (bound to self). */
export class Callable {
  readonly #invoke: (...args: unknown[]) => unknown;
  private constructor(invoke: (...args: unknown[]) => unknown) {
    this.#invoke = invoke;
  }
  static create(fn: AnyFunction): Callable;
  static create(self: object, fn: AnyFunction): Callable;
  static create(selfOrFn: object, maybeFn?: AnyFunction): Callable {
    const fn = (maybeFn ?? selfOrFn) as (...args: unknown[]) => unknown;
    const self = maybeFn === undefined ? undefined : selfOrFn;
    if (typeof fn !== 'function') throw new TypeError('Callable.create needs a function');
    return new Callable((...args) => Reflect.apply(fn, self, args));
  }
  call(...args: unknown[]): unknown {
    return this.#invoke(...args);
  }
  /** Godot's MessageQueue runs it when the frame flushes its deferred calls (deferred.ts). */
  call_deferred(...args: unknown[]): void {
    callDeferred(() => this.#invoke(...args));
  }
}
