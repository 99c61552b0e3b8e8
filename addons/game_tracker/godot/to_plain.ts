import type { GDictionary, NodePath, Object as GodotObject } from 'godot';
import { DEFAULT_NORMALIZE_LIMITS, isPlainRecord } from '../core/normalize';
import { DictionaryClass, NodePathClass, ObjectClass, PROXY_TARGET } from './engine_classes';
import { isSpanWrapper, spanHandleOf } from './span_handles';

/** One level past the core's own cut, so the core still marks where data was cut off. */
const MAX_DEPTH = DEFAULT_NORMALIZE_LIMITS.maxDepth + 1;
/**
 * Values converted per call. GodotJS hands out a new wrapper for each read of a nested Dictionary, so
 * a Dictionary that contains itself cannot be caught by identity; this budget (with the depth limit)
 * bounds the work instead.
 */
const MAX_VALUES = 4096;
const TRUNCATED = '[truncated]';

/**
 * Turns an argument from GDScript or TS into plain JS data for the core: Dictionary → object,
 * Array and Packed*Array → array, BigInt → number (or a decimal string past 2^53), vectors and colours
 * → Godot's "(x, y)" text, NodePath → its path, Objects → Godot's `<Class#id>` description. A span
 * wrapper becomes the core's SpanHandle, as `parent` or inside log data (one whose start still waits
 * in the call queue stays a wrapper until then). JS values the core already understands (Date,
 * Error, other class instances) are passed through for it to describe.
 */
export function toPlain(value: unknown): unknown {
  // Most arguments are names, messages and numbers: skip the converter for them (per-call hot path).
  if (typeof value !== 'object' && typeof value !== 'bigint') return value;
  if (value instanceof Converted) return value.value;
  // A `.proxy()` view is an instance too, but answers property reads with entries: read its target.
  if (value instanceof DictionaryClass) return flatDictionary(unwrapProxy(value) as GDictionary) ?? convert(value, false);
  return convert(value, false);
}

/** Keys a Dictionary may have for the flat path; a larger one takes the converter and its budget. */
const FLAT_MAX_KEYS = 64;

/**
 * The common argument, a Dictionary of a few strings, numbers, booleans or nulls under string keys,
 * read without the converter's bookkeeping (which cost ~2.4 µs on top of the 3 µs of reads for one
 * key in the engine, scripts/bench/conversions.tscn). Anything else (nesting, objects, spans, bigints,
 * other keys) returns undefined, and the converter reads the Dictionary again.
 */
function flatDictionary(dict: GDictionary): Record<string, unknown> | undefined {
  const keys = dict.keys();
  const size = Number(keys.size());
  if (size > FLAT_MAX_KEYS) return undefined;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) {
    const key: unknown = keys.get(i);
    if (typeof key !== 'string' || key === '__proto__') return undefined;
    const item: unknown = dict.get(key);
    if (item !== null && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return undefined;
    out[key] = item;
  }
  return out;
}

/**
 * A TypeScript caller's object or array converted when the call is recorded (snapshot.ts), so that
 * later changes to it do not reach what is sent. Marked as converted, so that the hand-over's
 * `toPlain` passes it on instead of walking it again, unless it holds a span wrapper whose start has
 * not reached the core yet: that one is resolved at the hand-over.
 */
export function toPlainAtCall(value: object): unknown {
  return convert(value, true);
}

/** Data `toPlainAtCall` converted completely. */
class Converted {
  constructor(readonly value: unknown) {}
}

function convert(value: unknown, atCall: boolean): unknown {
  // One converter serves every call; a conversion that re-enters (an object's _to_string logging) gets its own.
  const converter = shared.busy ? new Converter() : shared;
  converter.busy = true;
  try {
    const plain = converter.convert(value, 0);
    return atCall && converter.unresolvedSpans === 0 ? new Converted(plain) : plain;
  } finally {
    converter.reset();
  }
}

class Converter {
  busy = false;
  /** Span wrappers left as they are: their `start_span` still waits in the call queue. */
  unresolvedSpans = 0;
  private budget = MAX_VALUES;
  private readonly ancestors: object[] = [];

  reset(): void {
    this.busy = false;
    this.unresolvedSpans = 0;
    this.budget = MAX_VALUES;
    this.ancestors.length = 0;
  }

  convert(value: unknown, depth: number): unknown {
    this.budget--;
    if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    if (typeof value !== 'object' || value === null) return value;
    // At any depth: the core links a log to a span given as `{"span": span}` in its data.
    if (isSpanWrapper(value)) {
      const handle = spanHandleOf(value);
      if (handle === undefined) this.unresolvedSpans++;
      return handle ?? value;
    }
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (this.ancestors.includes(value)) return '[cycle]';
    this.ancestors.push(value);
    try {
      return this.convertObject(unwrapProxy(value), depth + 1);
    } finally {
      this.ancestors.pop();
    }
  }

  private convertObject(value: object, depth: number): unknown {
    if (value instanceof DictionaryClass) return this.fromDictionary(value, depth);
    if (value instanceof ObjectClass) return describeObject(value);
    if (isIndexed(value)) return this.fromIndexed(value, depth);
    if (Array.isArray(value)) return this.fromArray(value, depth);
    if (isPlainRecord(value)) return this.fromRecord(value, depth);
    return describeGodotValue(value) ?? value;
  }

  /**
   * keys() + get() are Godot's own methods, present in every GodotJS version (iteration is injected
   * JS). Each is a native call: 2 + 2 per entry for a Dictionary.
   */
  private fromDictionary(dict: GDictionary, depth: number): Record<string, unknown> {
    const keys = dict.keys();
    const size = Number(keys.size());
    const out: Record<string, unknown> = {};
    let i = 0;
    for (; i < size && this.budget > 0; i++) {
      const key: unknown = keys.get(i);
      out[keyText(this.convert(key, depth))] = this.convert(dict.get(key), depth);
    }
    if (i < size) out[TRUNCATED] = true;
    return out;
  }

  private fromIndexed(list: Indexed, depth: number): unknown[] {
    const length = Number(list.size());
    const out: unknown[] = [];
    for (let i = 0; i < length && this.budget > 0; i++) out.push(this.convert(list.get(i), depth));
    if (out.length < length) out.push(TRUNCATED);
    return out;
  }

  private fromArray(list: readonly unknown[], depth: number): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < list.length && this.budget > 0; i++) out.push(this.convert(list[i], depth));
    if (out.length < list.length) out.push(TRUNCATED);
    return out;
  }

  private fromRecord(record: Record<string, unknown>, depth: number): Record<string, unknown> {
    const keys = Object.keys(record);
    const out: Record<string, unknown> = {};
    let i = 0;
    for (; i < keys.length && this.budget > 0; i++) {
      const key = keys[i] as string;
      out[key] = this.convert(record[key], depth);
    }
    if (i < keys.length) out[TRUNCATED] = true;
    return out;
  }
}

const shared = new Converter();

interface Indexed {
  size(): number;
  get(index: number): unknown;
}

/** Godot Arrays and every Packed*Array: the generated typings give all of them size() and get(i). */
function isIndexed(value: object): value is Indexed {
  const candidate = value as Partial<Indexed>;
  return typeof candidate.size === 'function' && typeof candidate.get === 'function';
}

/** `.proxy()` views of GDictionary/GArray answer property reads with entries; use the real container. */
export function unwrapProxy(value: object): object {
  const target: unknown = (value as { [PROXY_TARGET]?: unknown })[PROXY_TARGET];
  return typeof target === 'object' && target !== null ? target : value;
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : String(key);
}

/** Text for the Godot values that have no useful JS toString, in the form Godot prints them. */
function describeGodotValue(value: object): string | undefined {
  if (value instanceof NodePathClass) return nodePathText(value);
  return componentsText(value);
}

function describeObject(object: GodotObject): string {
  try {
    return object.to_string();
  } catch {
    return '<freed object>';
  }
}

function nodePathText(path: NodePath): string {
  const subnames = path.get_concatenated_subnames();
  return `${path.is_absolute() ? '/' : ''}${path.get_concatenated_names()}${subnames === '' ? '' : `:${subnames}`}`;
}

const VECTOR_COMPONENTS = ['x', 'y', 'z', 'w'] as const;
const COLOR_COMPONENTS = ['r', 'g', 'b', 'a'] as const;

/** Vector2/3/4(i), Quaternion → "(x, y, …)"; Color → "(r, g, b, a)". */
function componentsText(value: object): string | undefined {
  const fields = value as Record<string, unknown>;
  for (const names of [VECTOR_COMPONENTS, COLOR_COMPONENTS]) {
    const parts: number[] = [];
    for (const name of names) {
      const component = fields[name];
      if (typeof component !== 'number') break;
      parts.push(component);
    }
    if (parts.length >= 2) return `(${parts.join(', ')})`;
  }
  return undefined;
}
