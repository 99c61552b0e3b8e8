/**
 * Where OTLP/JSON departs from protobuf's standard JSON mapping (opentelemetry-proto
 * docs/specification.md, "JSON Protobuf Encoding"): shared by the strict checker and the renderer.
 */
import type protobuf from 'protobufjs';

/** The JSON key of a field: protoc's lowerCamelCase rule (drop each `_`, upper-case the next letter). */
export function jsonName(protoName: string): string {
  return protoName.replace(/_(.)?/g, (_underscore, next: string | undefined) => (next ?? '').toUpperCase());
}

/**
 * Trace and span ids are case-insensitive hex, not base64, "in all OTLP Protobuf messages";
 * parent_span_id is a span id too. Other bytes fields (AnyValue.bytes_value) stay base64.
 */
const ID_BYTE_LENGTHS: Readonly<Record<string, number>> = { trace_id: 16, span_id: 8, parent_span_id: 8 };

export function idByteLength(field: protobuf.Field): number | undefined {
  return field.type === 'bytes' ? ID_BYTE_LENGTHS[field.name] : undefined;
}

/** 64-bit integers travel as decimal strings in proto3 JSON; JS numbers would round them. */
export const LONG_TYPES: ReadonlySet<string> = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

export function isLongType(field: protobuf.Field): boolean {
  return LONG_TYPES.has(field.type);
}
