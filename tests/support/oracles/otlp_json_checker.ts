/**
 * A strict OTLP/JSON checker driven by reflected protobuf types: walks parsed JSON, rejects the first
 * value that the OTLP JSON encoding (or GameTracker's stricter reading of it) does not allow, and
 * returns the same data as a protobufjs-ready object (proto field names, ids as bytes).
 *
 * Stricter than receivers, on purpose: they must ignore unknown keys and take numbers or null for
 * 64-bit fields; we want to know when our encoder emits any of that.
 */
import protobuf from 'protobufjs';
import { idByteLength, isLongType, jsonName } from './otlp_json_rules';

export interface OtlpJsonCheckOptions {
  /** Require 64-bit integers as decimal strings (OTel JS does); off accepts integral numbers as receivers do. */
  readonly int64AsString: boolean;
}

export type ProtoObject = { [protoFieldName: string]: unknown };

/** Fields the .proto comments call required or "semantically required"; present means non-default. */
const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'opentelemetry.proto.trace.v1.Span': ['trace_id', 'span_id', 'name', 'start_time_unix_nano', 'end_time_unix_nano'],
  'opentelemetry.proto.trace.v1.Span.Event': ['time_unix_nano', 'name'],
  'opentelemetry.proto.trace.v1.Span.Link': ['trace_id', 'span_id'],
  'opentelemetry.proto.common.v1.KeyValue': ['key', 'value'],
};

const SIGNED_64_MIN = -(2n ** 63n);
const SIGNED_64_MAX = 2n ** 63n - 1n;
const UNSIGNED_64_MAX = 2n ** 64n - 1n;

export function checkOtlpJson(type: protobuf.Type, json: unknown, options: OtlpJsonCheckOptions): ProtoObject {
  return checkMessage(type, json, options, '');
}

function checkMessage(type: protobuf.Type, value: unknown, options: OtlpJsonCheckOptions, path: string): ProtoObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected an object (${typeName(type)})`);
  const fields = fieldsByJsonName(type);
  const setOneofs = new Map<string, string>();
  const message: ProtoObject = {};
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const field = fields.get(key);
    if (field === undefined) fail(at, unknownKeyProblem(type, key));
    if (field.partOf) {
      const earlier = setOneofs.get(field.partOf.name);
      if (earlier !== undefined) fail(at, `oneof '${field.partOf.name}' is already set by '${earlier}'`);
      setOneofs.set(field.partOf.name, key);
    }
    message[field.name] = field.repeated ? checkRepeated(field, item, options, at) : checkValue(field, item, options, at);
  }
  for (const required of REQUIRED_FIELDS[typeName(type)] ?? []) {
    if (isProtoDefault(message[required], type.fields[required])) fail(path, `${jsonName(required)} is required and must not be empty or zero`);
  }
  return message;
}

const jsonNameCache = new WeakMap<protobuf.Type, ReadonlyMap<string, protobuf.Field>>();

function fieldsByJsonName(type: protobuf.Type): ReadonlyMap<string, protobuf.Field> {
  let fields = jsonNameCache.get(type);
  if (fields === undefined) {
    fields = new Map(type.fieldsArray.map((field) => [jsonName(field.name), field]));
    jsonNameCache.set(type, fields);
  }
  return fields;
}

function unknownKeyProblem(type: protobuf.Type, key: string): string {
  const asProtoName = type.fields[key];
  return asProtoName === undefined
    ? `unknown field of ${typeName(type)}`
    : `proto field names are not valid JSON keys; use '${jsonName(asProtoName.name)}'`;
}

function checkRepeated(field: protobuf.Field, value: unknown, options: OtlpJsonCheckOptions, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  return value.map((item, index) => checkValue(field, item, options, `${path}[${index}]`));
}

function checkValue(field: protobuf.Field, value: unknown, options: OtlpJsonCheckOptions, path: string): unknown {
  // proto3 JSON reads null as "default", but from our encoder it means JSON.stringify met NaN or Infinity.
  if (value === null) fail(path, 'null is not allowed');
  if (field.map) fail(path, 'map fields are not part of OTLP');
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return checkMessage(resolved, value, options, path);
  if (resolved instanceof protobuf.Enum) return checkEnum(resolved, value, path);
  return checkScalar(field, value, options, path);
}

function checkEnum(enumType: protobuf.Enum, value: unknown, path: string): number {
  if (typeof value === 'string') fail(path, `enums must be integers in OTLP JSON, not names ('${value}')`);
  if (!Number.isInteger(value) || enumType.valuesById[value as number] === undefined) {
    fail(path, `${String(value)} is not a value of ${enumType.name}`);
  }
  return value as number;
}

function checkScalar(field: protobuf.Field, value: unknown, options: OtlpJsonCheckOptions, path: string): unknown {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') fail(path, `expected a boolean, got ${describe(value)}`);
      return value;
    case 'double':
    case 'float':
      return checkFloat(value, path);
    case 'bytes':
      return checkBytes(field, value, path);
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return checkInt32(value, -(2 ** 31), 2 ** 31 - 1, path);
    case 'uint32':
    case 'fixed32':
      return checkInt32(value, 0, 2 ** 32 - 1, path);
    default:
      if (isLongType(field)) return checkLong(field, value, options, path);
      return fail(path, `unsupported proto type ${field.type}`);
  }
}

function checkFloat(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // The only strings proto3 JSON allows for floating point.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  return fail(path, `expected a finite number or "NaN"/"Infinity"/"-Infinity", got ${describe(value)}`);
}

function checkInt32(value: unknown, min: number, max: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `expected an integer number in [${min}, ${max}], got ${describe(value)}`);
  }
  return value;
}

function checkLong(field: protobuf.Field, value: unknown, options: OtlpJsonCheckOptions, path: string): string | number {
  let asBigInt: bigint;
  if (typeof value === 'string') {
    if (!/^-?(0|[1-9][0-9]*)$/.test(value)) fail(path, `expected a decimal integer string, got ${describe(value)}`);
    asBigInt = BigInt(value);
  } else if (typeof value === 'number' && !options.int64AsString && Number.isInteger(value)) {
    asBigInt = BigInt(value);
  } else {
    return fail(path, `64-bit integers must be decimal strings, got ${describe(value)}`);
  }
  const unsigned = field.type === 'uint64' || field.type === 'fixed64';
  const [min, max] = unsigned ? [0n, UNSIGNED_64_MAX] : [SIGNED_64_MIN, SIGNED_64_MAX];
  if (asBigInt < min || asBigInt > max) fail(path, `${String(value)} is out of range for ${field.type}`);
  return value;
}

function checkBytes(field: protobuf.Field, value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
  const idLength = idByteLength(field);
  if (idLength === undefined) {
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) fail(path, 'expected base64');
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
  // Empty is the proto3 default (e.g. a root span's parentSpanId); REQUIRED_FIELDS decides where it is allowed.
  if (value === '') return new Uint8Array(0);
  if (!/^[0-9a-fA-F]*$/.test(value) || value.length !== idLength * 2) {
    fail(path, `expected ${idLength * 2} hex digits (ids are hex in OTLP JSON, not base64), got ${describe(value)}`);
  }
  if (/^0+$/.test(value)) fail(path, 'an all-zero id is invalid');
  return new Uint8Array(Buffer.from(value, 'hex'));
}

function isProtoDefault(value: unknown, field: protobuf.Field | undefined): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  // "0" is the default of a 64-bit integer written as a string, but a perfectly good name or key.
  return value === undefined || value === '' || value === 0 || (value === '0' && field?.type !== 'string');
}

function typeName(type: protobuf.Type): string {
  return type.fullName.replace(/^\./, '');
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
}

function fail(path: string, problem: string): never {
  throw new Error(`OTLP: ${path === '' ? '(root)' : path}: ${problem}`);
}
