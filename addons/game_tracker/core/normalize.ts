/**
 * Turns whatever the game passed into bounded, acyclic, JSON-safe data. Never throws: values that
 * cannot be represented become short marker strings, so the event still goes out.
 */
import type { Value } from './types';

export interface NormalizeLimits {
  readonly maxStringLength: number;
  readonly maxKeys: number;
  readonly maxDepth: number;
}

export const DEFAULT_NORMALIZE_LIMITS: NormalizeLimits = { maxStringLength: 4096, maxKeys: 256, maxDepth: 6 };

/** Cuts a string to `max` characters and says how much was cut, so a reader knows the line is partial. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…[truncated ${text.length - max} chars]`;
}

/** Numbers JSON cannot carry (NaN, ±Infinity) become their names instead of silently turning into null. */
function normalizeNumber(n: number): Value {
  return Number.isFinite(n) ? n : String(n);
}

export function normalizeValue(input: unknown, limits: NormalizeLimits = DEFAULT_NORMALIZE_LIMITS): Value {
  return walk(input, limits, 0, []);
}

function walk(input: unknown, limits: NormalizeLimits, depth: number, ancestors: object[]): Value {
  switch (typeof input) {
    case 'string':
      return truncate(input, limits.maxStringLength);
    case 'number':
      return normalizeNumber(input);
    case 'boolean':
      return input;
    case 'bigint':
      return Number.isSafeInteger(Number(input)) ? Number(input) : input.toString();
    case 'undefined':
      return null;
    case 'function':
      return '[function]';
    case 'symbol':
      return truncate(input.toString(), limits.maxStringLength);
    default:
      return input === null ? null : walkObject(input as object, limits, depth, ancestors);
  }
}

function walkObject(input: object, limits: NormalizeLimits, depth: number, ancestors: object[]): Value {
  if (ancestors.includes(input)) return '[cycle]';
  if (depth >= limits.maxDepth) return '[too deep]';
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString();
  ancestors.push(input);
  try {
    if (Array.isArray(input)) return walkArray(input, limits, depth, ancestors);
    if (!isPlainRecord(input)) return truncate(describe(input), limits.maxStringLength);
    return walkRecord(input as Record<string, unknown>, limits, depth, ancestors);
  } finally {
    ancestors.pop();
  }
}

function walkArray(input: readonly unknown[], limits: NormalizeLimits, depth: number, ancestors: object[]): Value {
  const count = Math.min(input.length, limits.maxKeys);
  const out: Value[] = new Array<Value>(count);
  for (let i = 0; i < count; i++) out[i] = walk(input[i], limits, depth + 1, ancestors);
  if (input.length > count) out.push(`…[${input.length - count} more items]`);
  return out;
}

function walkRecord(
  input: Record<string, unknown>,
  limits: NormalizeLimits,
  depth: number,
  ancestors: object[],
): Value {
  const out: Record<string, Value> = {};
  let kept = 0;
  let skipped = 0;
  for (const key in input) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
    if (kept >= limits.maxKeys) {
      skipped++;
      continue;
    }
    out[truncate(key, limits.maxStringLength)] = walk(input[key], limits, depth + 1, ancestors);
    kept++;
  }
  if (skipped > 0) out['…'] = `${skipped} more keys`;
  return out;
}

function isPlainRecord(input: object): boolean {
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
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
  if (typeof input !== 'object' || Array.isArray(input) || !isPlainRecord(input)) return undefined;
  return walkRecord(input as Record<string, unknown>, limits, 0, [input]) as Record<string, Value>;
}
