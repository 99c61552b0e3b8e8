/**
 * Reads an OTLP/JSON body into the object protobufjs' fromObject expects, checking every value against
 * the reflected schema the way the collector's JSON unmarshaler does (it answers 400 for the same
 * mistakes). fromObject alone would coerce a number into a string field and read hex ids as base64.
 * The rules, from opentelemetry-proto docs/specification.md ("JSON Protobuf Encoding"):
 * - keys are lowerCamelCase (the collector also takes the proto names, so this does); unknown keys are ignored;
 * - trace and span ids are hex; other bytes are base64;
 * - enums are integers; 64-bit integers are decimal strings (integral numbers are accepted).
 */
import { Enum, Type } from 'protobufjs';
import type { Field } from 'protobufjs';
import { expectArray, expectRecord, expectString } from '../json_shape';
import type { JsonRecord } from '../json_shape';
import { RejectError } from '../reply';

/** Field name → id length in bytes; `parentSpanId` may also be empty (a root span). */
const ID_BYTES: Readonly<Record<string, number>> = { traceId: 16, spanId: 8, parentSpanId: 8 };
/** Far deeper than OTLP's own nesting (attribute values nest arrays and maps); bounds the recursion. */
const MAX_DEPTH = 32;
const DECIMAL = /^-?\d+$/;
const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const INT32_TYPES = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

export function otlpJsonToProtoObject(type: Type, body: unknown): JsonRecord {
  return readMessage(type, body, 'body', 0);
}

function readMessage(type: Type, value: unknown, path: string, depth: number): JsonRecord {
  if (depth > MAX_DEPTH) throw new RejectError(400, `${path}: nested deeper than ${MAX_DEPTH} levels`);
  const message: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(expectRecord(value, path))) {
    const field = type.fields[toCamelCase(key)];
    // proto3 JSON reads null as the default value.
    if (field === undefined || item === null) continue;
    const at = `${path}.${key}`;
    message[field.name] = field.repeated
      ? expectArray(item, at).map((element, index) => readValue(field, element, `${at}[${index}]`, depth))
      : readValue(field, item, at, depth);
  }
  return message;
}

function readValue(field: Field, value: unknown, path: string, depth: number): unknown {
  const resolved = field.resolve().resolvedType;
  if (resolved instanceof Type) return readMessage(resolved, value, path, depth + 1);
  if (resolved instanceof Enum) return expectInteger(value, path, 'enum values must be integers in OTLP/JSON');
  if (field.type === 'string') return expectString(value, path);
  if (field.type === 'bool') return expectBoolean(value, path);
  if (field.type === 'bytes') return readBytes(field.name, value, path);
  if (field.type === 'double' || field.type === 'float') return readFloat(value, path);
  if (INT32_TYPES.has(field.type)) return expectInteger(value, path, 'expected an integer');
  // The 64-bit types.
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  return expectInteger(value, path, 'expected a decimal string (64-bit integer)');
}

function readBytes(name: string, value: unknown, path: string): Uint8Array {
  const text = expectString(value, path);
  const idBytes = ID_BYTES[name];
  if (idBytes === undefined) {
    if (!BASE64.test(text)) throw new RejectError(400, `${path}: expected base64`);
    return Uint8Array.from(Buffer.from(text, 'base64'));
  }
  const emptyAllowed = name === 'parentSpanId' && text === '';
  if (!emptyAllowed && (text.length !== idBytes * 2 || !HEX.test(text))) {
    throw new RejectError(400, `${path}: expected ${idBytes * 2} hex digits, got ${JSON.stringify(text)} (OTLP/JSON ids are hex, not base64)`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

function readFloat(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  // The only strings proto3 JSON allows for floating point.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  throw new RejectError(400, `${path}: expected a number, got ${JSON.stringify(value)}`);
}

function expectInteger(value: unknown, path: string, problem: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RejectError(400, `${path}: ${problem}, got ${JSON.stringify(value)}`);
  return value;
}

function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new RejectError(400, `${path}: expected a boolean, got ${JSON.stringify(value)}`);
  return value;
}

function toCamelCase(key: string): string {
  return key.replace(/_([a-z])/g, (_underscore, letter: string) => letter.toUpperCase());
}
