/** Game data → OTLP attribute values: typed scalars, scalar arrays, nested records as dotted keys. */
import { flattenInto } from './context';
import { DEFAULT_NORMALIZE_LIMITS, normalizeRecord } from './normalize';
import type { AttributeValue, Attributes } from './types';

export const MAX_ATTRIBUTES = 128;

/**
 * Normalises and flattens; returns the attributes and how many were cut by the count limit. On every
 * span with attributes, so it keeps its garbage small: key arrays rather than Object.entries (an array
 * per key), and `into` counted once, when the first new key arrives (it was counted per key).
 */
export function toAttributes(input: unknown, into: Attributes = {}): { attributes: Attributes; dropped: number } {
  const record = normalizeRecord(input, DEFAULT_NORMALIZE_LIMITS);
  if (record === undefined) return { attributes: into, dropped: 0 };
  const flat: Attributes = {};
  const recordKeys = Object.keys(record);
  for (let i = 0; i < recordKeys.length; i++) {
    const key = recordKeys[i] as string;
    flattenInto(flat, key, record[key]);
  }
  let dropped = 0;
  let size = -1;
  const flatKeys = Object.keys(flat);
  for (let i = 0; i < flatKeys.length; i++) {
    const key = flatKeys[i] as string;
    // OTLP requires a non-empty key.
    if (key === '') {
      dropped++;
    } else if (key in into) {
      into[key] = flat[key] as AttributeValue;
    } else {
      if (size < 0) size = Object.keys(into).length;
      if (size >= MAX_ATTRIBUTES) dropped++;
      else {
        into[key] = flat[key] as AttributeValue;
        size++;
      }
    }
  }
  return { attributes: into, dropped };
}

