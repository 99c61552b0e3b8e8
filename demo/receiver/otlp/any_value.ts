/** OTLP AnyValue (decoded with `oneofs: true`) to plain data for display and tests. */
import type { AttributeValue } from '../model/records';

export interface PlainAnyValue {
  /** Which member of the `value` oneof is set. */
  readonly value?: 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | 'arrayValue' | 'kvlistValue' | 'bytesValue';
  readonly stringValue?: string;
  readonly boolValue?: boolean;
  readonly intValue?: string;
  readonly doubleValue?: number;
  readonly arrayValue?: { readonly values: readonly PlainAnyValue[] };
  readonly kvlistValue?: { readonly values: readonly PlainKeyValue[] };
  readonly bytesValue?: Uint8Array;
}

export interface PlainKeyValue {
  readonly key: string;
  readonly value: PlainAnyValue | null;
}

/** Nesting this deep is a sender bug; stopping here keeps a hostile body from exhausting the stack. */
const MAX_DEPTH = 8;

export function toAttributes(pairs: readonly PlainKeyValue[], depth = 0): Record<string, AttributeValue> {
  return Object.fromEntries(pairs.map((pair) => [pair.key, toAttributeValue(pair.value, depth)]));
}

function toAttributeValue(value: PlainAnyValue | null, depth: number): AttributeValue {
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  switch (value?.value) {
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue ?? false;
    case 'intValue':
      return toSafeInteger(value.intValue ?? '0');
    case 'doubleValue':
      return value.doubleValue ?? 0;
    case 'arrayValue':
      return (value.arrayValue?.values ?? []).map((item) => toAttributeValue(item, depth + 1));
    case 'kvlistValue':
      return toAttributes(value.kvlistValue?.values ?? [], depth + 1);
    case 'bytesValue':
      return Buffer.from(value.bytesValue ?? []).toString('hex');
    default:
      return null;
  }
}

/** int64 as a number when exact, else kept as its decimal string. */
function toSafeInteger(decimal: string): number | string {
  const number = Number(decimal);
  return Number.isSafeInteger(number) ? number : decimal;
}
