/**
 * Narrowing helpers for untrusted JSON bodies. Each failure names the path of the offending value, the
 * way Loki's and the collector's decoders do, so that a developer can find the bug in the sender.
 */
import { describeError, RejectError } from './reply';

export type JsonRecord = { readonly [key: string]: unknown };

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RejectError(400, `body is not valid JSON: ${describeError(error)}`);
  }
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw new RejectError(400, `${path}: expected an object`);
  return value;
}

export function expectArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new RejectError(400, `${path}: expected an array`);
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new RejectError(400, `${path}: expected a string`);
  return value;
}

/** A flat object of string values, as Loki stream labels and structured metadata are. */
export function expectStringMap(value: unknown, path: string): Record<string, string> {
  const record = expectRecord(value, path);
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(record)) map[key] = expectString(item, `${path}.${key}`);
  return map;
}
