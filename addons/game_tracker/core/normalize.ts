/**
 * Turns whatever the game passed into bounded, acyclic, JSON-safe data. Never throws: values that
 * cannot be represented become short marker strings, so the event still goes out.
 */
import type { Value } from './types';

export interface NormalizeLimits {
  readonly maxStringLength: number;
  readonly maxKeys: number;
  readonly maxDepth: number;
  /**
   * Size budget for one call's whole value, in characters (each key and value costs at least one):
   * caps the line even when the data is wide and deep, or shares one object many times over.
   */
  readonly maxTotalChars: number;
}

export const DEFAULT_NORMALIZE_LIMITS: NormalizeLimits = { maxStringLength: 4096, maxKeys: 256, maxDepth: 6, maxTotalChars: 32_768 };

/** Cuts a string to `max` characters and says how much was cut, so a reader knows the line is partial. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…[truncated ${text.length - max} chars]`;
}

/** Numbers JSON cannot carry (NaN, ±Infinity) become their names instead of silently turning into null. */
function normalizeNumber(n: number): Value {
  return Number.isFinite(n) ? n : String(n);
}

/** One normalisation: its limits, the objects on the current path (cycles) and what is left of the budget. */
interface Walk {
  readonly limits: NormalizeLimits;
  readonly ancestors: object[];
  budget: number;
}

export function normalizeValue(input: unknown, limits: NormalizeLimits = DEFAULT_NORMALIZE_LIMITS): Value {
  return walk(input, { limits, ancestors: [], budget: limits.maxTotalChars }, 0);
}

/** What a key or value adds to the JSON around its own text: quotes, colon, comma. */
export const NODE_OVERHEAD_CHARS = 4;

function walk(input: unknown, w: Walk, depth: number): Value {
  w.budget -= NODE_OVERHEAD_CHARS;
  switch (typeof input) {
    case 'string':
      return boundedString(input, w);
    case 'number':
      return normalizeNumber(input);
    case 'boolean':
      return input;
    case 'bigint':
      return Number.isSafeInteger(Number(input)) ? Number(input) : boundedString(input.toString(), w);
    case 'undefined':
      return null;
    case 'function':
      return marker('[function]', w);
    case 'symbol':
      return boundedString(input.toString(), w);
    default:
      return input === null ? null : walkObject(input as object, w, depth);
  }
}

/** A short text the tracker writes in place of a value; it costs the budget like any string. */
function marker(text: string, w: Walk): string {
  w.budget -= text.length;
  return text;
}

function boundedString(text: string, w: Walk): string {
  const max = Math.max(0, Math.min(w.limits.maxStringLength, w.budget));
  w.budget -= Math.min(text.length, max);
  return truncate(text, max);
}

function walkObject(input: object, w: Walk, depth: number): Value {
  if (w.ancestors.includes(input)) return marker('[cycle]', w);
  if (depth >= w.limits.maxDepth) return marker('[too deep]', w);
  w.ancestors.push(input);
  try {
    if (input instanceof Date) return marker(Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString(), w);
    if (Array.isArray(input)) return walkArray(input, w, depth);
    // Typed arrays (and Godot's packed arrays as GodotJS hands them over) can hold megabytes; their size says enough.
    if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) return marker(`[${input.constructor.name}(${input.byteLength} bytes)]`, w);
    if (!isPlainRecord(input)) return boundedString(describe(input), w);
    return walkRecord(input as Record<string, unknown>, w, depth);
  } catch {
    // Proxies and getters can throw on any read; the value is lost, the event is not.
    return marker('[unreadable]', w);
  } finally {
    w.ancestors.pop();
  }
}

function walkArray(input: readonly unknown[], w: Walk, depth: number): Value {
  const out: Value[] = [];
  const count = Math.min(input.length, w.limits.maxKeys);
  for (let i = 0; i < count && w.budget > 0; i++) out.push(walk(input[i], w, depth + 1));
  if (input.length > out.length) out.push(`…[${input.length - out.length} more items]`);
  return out;
}

function walkRecord(input: Record<string, unknown>, w: Walk, depth: number): Value {
  const out: Record<string, Value> = {};
  let kept = 0;
  let skipped = 0;
  for (const key in input) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
    if (kept >= w.limits.maxKeys || w.budget <= 0) {
      skipped++;
      continue;
    }
    const name = boundedString(key, w);
    let value: Value;
    try {
      value = walk(input[key], w, depth + 1);
    } catch {
      value = '[unreadable]';
    }
    // A plain assignment to "__proto__" would replace the prototype and lose the key.
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
    kept++;
  }
  if (skipped > 0) out['…'] = `${skipped} more keys`;
  return out;
}

/** A `{}` literal or `Object.create(null)`: not an array, a class instance, a Map or an engine wrapper. */
export function isPlainRecord(input: object): input is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

/** What the API takes as a dictionary (labels, data, attributes): a plain record, nothing else. */
export function isDictionary(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && isPlainRecord(input);
}

/** Class instances (engine wrappers, Maps, errors) are described by their own `toString` when they have one. */
function describe(input: object): string {
  if (input instanceof Error) return `${input.name}: ${input.message}`;
  try {
    const text = String(input);
    if (text !== '[object Object]') return text;
  } catch {
    // A hostile toString: fall through to the constructor name.
  }
  const name = (input.constructor as { name?: unknown } | undefined)?.name;
  return `[${typeof name === 'string' && name !== '' ? name : 'object'}]`;
}

/** Normalises the `data`/`labels`/`attrs` argument: a record, or nothing. Anything else is not a record. */
export function normalizeRecord(
  input: unknown,
  limits: NormalizeLimits = DEFAULT_NORMALIZE_LIMITS,
): Record<string, Value> | undefined {
  if (input === undefined || input === null) return undefined;
  try {
    if (!isDictionary(input)) return undefined;
    const flat = copyFlat(input, limits);
    if (flat !== undefined) return flat;
    const w: Walk = { limits, ancestors: [input], budget: limits.maxTotalChars };
    return walkRecord(input, w, 0) as Record<string, Value>;
  } catch {
    return { value: '[unreadable]' };
  }
}

/**
 * The common case on every log call: a flat record of strings within the limits, finite numbers and
 * booleans, copied in one pass with the walk's own budget accounting, so the result is the walk's.
 * Anything else (nesting, long text, odd values, a throwing getter) returns undefined and takes the
 * walk. Under QuickJS the walk costs about 1 µs per field (calls per key and value, hasOwnProperty).
 */
function copyFlat(input: Record<string, unknown>, limits: NormalizeLimits): Record<string, Value> | undefined {
  try {
    const keys = Object.keys(input);
    if (keys.length > limits.maxKeys) return undefined;
    const maxString = limits.maxStringLength;
    let budget = limits.maxTotalChars;
    const out: Record<string, Value> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (budget <= 0 || key.length > maxString || key.length > budget || key === '__proto__') return undefined;
      budget -= key.length + NODE_OVERHEAD_CHARS; // as the walk charges: the key, then the value's node
      const value = input[key];
      if (typeof value === 'string') {
        if (value.length > maxString || value.length > budget) return undefined;
        budget -= value.length;
      } else if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean') {
        return undefined;
      }
      out[key] = value as Value; // a string, finite number or boolean, checked above
    }
    return out;
  } catch {
    return undefined;
  }
}
