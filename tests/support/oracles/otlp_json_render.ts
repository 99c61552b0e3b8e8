/**
 * Renders a decoded OTLP message the way OTLP/JSON writes it: lowerCamelCase keys, hex ids,
 * base64 for other bytes, 64-bit integers as decimal strings, enums as integers. Defaults are
 * filled in so that tests can read any field without optional chaining; unset messages stay absent.
 */
import protobuf from 'protobufjs';
import { idByteLength, jsonName } from './otlp_json_rules';

export type OtlpJsonObject = { [jsonKey: string]: unknown };

export function renderOtlpJson(type: protobuf.Type, message: protobuf.Message): OtlpJsonObject {
  // json: true turns non-finite doubles into the strings "NaN"/"Infinity"/"-Infinity", as proto3 JSON does.
  const plain = type.toObject(message, { longs: String, enums: Number, defaults: true, arrays: true, json: true });
  return renderMessage(type, plain);
}

function renderMessage(type: protobuf.Type, plain: { [protoFieldName: string]: unknown }): OtlpJsonObject {
  const rendered: OtlpJsonObject = {};
  for (const field of type.fieldsArray) {
    const value = plain[field.name];
    if (value === null || value === undefined) continue;
    rendered[jsonName(field.name)] = Array.isArray(value)
      ? value.map((item: unknown) => renderValue(field, item))
      : renderValue(field, value);
  }
  return rendered;
}

function renderValue(field: protobuf.Field, value: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Type) {
    return renderMessage(field.resolvedType, value as { [protoFieldName: string]: unknown });
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString(idByteLength(field) === undefined ? 'base64' : 'hex');
  }
  return value;
}
