/** Game data → OTLP attribute values: typed scalars, scalar arrays, nested records as dotted keys. */
import { flattenInto } from './context';
import { DEFAULT_NORMALIZE_LIMITS, normalizeRecord } from './normalize';
import type { Attributes } from './types';

export const MAX_ATTRIBUTES = 128;

/** Normalises and flattens; returns the attributes and how many were cut by the count limit. */
export function toAttributes(input: unknown, into: Attributes = {}): { attributes: Attributes; dropped: number } {
  const record = normalizeRecord(input, DEFAULT_NORMALIZE_LIMITS);
  if (record === undefined) return { attributes: into, dropped: 0 };
  const flat: Attributes = {};
  for (const [key, value] of Object.entries(record)) flattenInto(flat, key, value);
  let dropped = 0;
  for (const [key, value] of Object.entries(flat)) {
    // OTLP requires a non-empty key.
    if (key === '' || (!(key in into) && Object.keys(into).length >= MAX_ATTRIBUTES)) dropped++;
    else into[key] = value;
  }
  return { attributes: into, dropped };
}
