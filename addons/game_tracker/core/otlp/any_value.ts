/**
 * OTLP common.proto values: `AnyValue` and `KeyValue`, written by field number.
 *
 *   AnyValue     { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
 *                  double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; } }
 *   ArrayValue   { repeated AnyValue values = 1; }
 *   KeyValueList { repeated KeyValue values = 1; }
 *   KeyValue     { string key = 1; AnyValue value = 2; }
 *
 * Nested data stays structured (kvlist and array values), as the log data model asks. A null is an
 * AnyValue with no member set, the protocol's empty value.
 */
import type { AttributeValue, Value } from '../types';
import { LENGTH_DELIMITED, VARINT, FIXED64, tag, writeStringField } from './proto_fields';
import { Writer } from '../wire_deps';

const TAG_BOOL = tag(2, VARINT);
const TAG_INT = tag(3, VARINT);
const TAG_DOUBLE = tag(4, FIXED64);
const TAG_ARRAY = tag(5, LENGTH_DELIMITED);
const TAG_KVLIST = tag(6, LENGTH_DELIMITED);
/** `values = 1` of ArrayValue and KeyValueList alike. */
const TAG_VALUES = tag(1, LENGTH_DELIMITED);
const TAG_KEY_VALUE_VALUE = tag(2, LENGTH_DELIMITED);

/** The members of one AnyValue message (without its own tag and length). */
export function writeAnyValueBody(writer: Writer, value: Value | AttributeValue): void {
  if (typeof value === 'string') writeStringField(writer, 1, value);
  else if (typeof value === 'number') {
    // Whole numbers go as int64, as the trace path's JSON does; the rest (and huge ones) as double.
    if (Number.isSafeInteger(value)) writer.uint32(TAG_INT).int64(value);
    else writer.uint32(TAG_DOUBLE).double(value);
  } else if (typeof value === 'boolean') writer.uint32(TAG_BOOL).bool(value);
  else if (value === null) return;
  else if (Array.isArray(value)) {
    writer.uint32(TAG_ARRAY).fork();
    for (const item of value as readonly Value[]) {
      writer.uint32(TAG_VALUES).fork();
      writeAnyValueBody(writer, item);
      writer.ldelim();
    }
    writer.ldelim();
  } else {
    writer.uint32(TAG_KVLIST).fork();
    writeKeyValues(writer, 1, value as Readonly<Record<string, Value>>);
    writer.ldelim();
  }
}

/**
 * Whole KeyValue fields with a scalar value, as encoded before: field number → key → value → bytes
 * (a Map tells 1, "1" and true apart). Log data repeats its pairs (`kind: "orc"`, `wave: 3`), and
 * under QuickJS every Writer call costs about a microsecond: a pair is some fifteen calls, a cached
 * one three lookups and one copy (100 log records: 3.5 ms instead of 10 ms on QuickJS-NG WASM,
 * `npm run bench`). Span attributes hold more unique numbers, where a miss costs more than the cache
 * saves on V8, so spans write uncached. Bounded: emptied when full.
 */
const encodedPairs = new Map<number, Map<string, Map<string | number | boolean, Uint8Array>>>();
let cachedPairs = 0;
const MAX_CACHED_PAIRS = 4096;
const MAX_CACHED_STRING_CHARS = 64;

function cachedPair(fieldNumber: number, key: string, value: string | number | boolean): Uint8Array {
  let byKey = encodedPairs.get(fieldNumber);
  if (byKey === undefined) encodedPairs.set(fieldNumber, (byKey = new Map()));
  let byValue = byKey.get(key);
  if (byValue === undefined) byKey.set(key, (byValue = new Map()));
  let encoded = byValue.get(value);
  if (encoded === undefined) {
    const own = Writer.create();
    writeKeyValue(own, fieldNumber, key, value);
    encoded = own.finish();
    if (cachedPairs >= MAX_CACHED_PAIRS) {
      encodedPairs.clear();
      cachedPairs = 0;
    }
    byValue.set(value, encoded);
    cachedPairs++;
  }
  return encoded;
}

/** As `writeKeyValue`, through the cache of encoded pairs for scalar values. */
export function writeKeyValueCached(writer: Writer, fieldNumber: number, key: string, value: Value): void {
  if (typeof value === 'object' || (typeof value === 'string' && value.length > MAX_CACHED_STRING_CHARS) || key.length > MAX_CACHED_STRING_CHARS) {
    writeKeyValue(writer, fieldNumber, key, value);
  } else writer.raw(cachedPair(fieldNumber, key, value));
}

/** One `KeyValue` as field `fieldNumber` of the enclosing message. */
export function writeKeyValue(writer: Writer, fieldNumber: number, key: string, value: Value | AttributeValue): void {
  writer.uint32(tag(fieldNumber, LENGTH_DELIMITED)).fork();
  writeStringField(writer, 1, key);
  writer.uint32(TAG_KEY_VALUE_VALUE).fork();
  writeAnyValueBody(writer, value);
  writer.ldelim().ldelim();
}

/** Every entry of `values` as a repeated KeyValue field `fieldNumber`, in their own order. */
export function writeKeyValues(writer: Writer, fieldNumber: number, values: Readonly<Record<string, Value | AttributeValue>>): void {
  for (const key in values) writeKeyValue(writer, fieldNumber, key, values[key] as Value);
}
