/**
 * OTLP/HTTP JSON for traces (`POST /v1/traces`, `Content-Type: application/json`), per
 * opentelemetry-proto's JSON mapping: ids are lower-case hex (not base64), 64-bit integers are decimal
 * strings, enums are integers, field names are lowerCamelCase.
 */
import type { BodyBuilder } from '../export/body_builder';
import { unixMsToNanoString } from '../time';
import type { AttributeValue, Attributes } from '../types';
import { SDK_NAME, SDK_VERSION } from '../version';
import type { SpanRecord } from './span_record';

export const OTLP_CONTENT_TYPE = 'application/json';

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } };

function toAnyValue(value: AttributeValue): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { arrayValue: { values: value.map(toAnyValue) } };
}

export function toKeyValues(attributes: Readonly<Attributes>): { key: string; value: AnyValue }[] {
  const out: { key: string; value: AnyValue }[] = [];
  for (const key in attributes) out.push({ key, value: toAnyValue(attributes[key] as AttributeValue) });
  return out;
}

/**
 * The body is written as text rather than built as objects for one JSON.stringify: QuickJS pays ~40 ns
 * per property created, and an OTLP span is some twenty small objects. Keys, names and short values
 * repeat across a batch, so their escaped forms are cached per call; the resource is serialised once
 * per resource object. The output is the JSON that `JSON.stringify` of the object form gives.
 */
class JsonText {
  private readonly escaped = new Map<string, string>();

  /** A JSON string literal. */
  str(text: string): string {
    if (text.length > 64) return JSON.stringify(text);
    let json = this.escaped.get(text);
    if (json === undefined) this.escaped.set(text, (json = JSON.stringify(text)));
    return json;
  }

  value(value: AttributeValue): string {
    if (typeof value === 'string') return `{"stringValue":${this.str(value)}}`;
    if (typeof value === 'boolean') return value ? '{"boolValue":true}' : '{"boolValue":false}';
    if (typeof value === 'number') return Number.isSafeInteger(value) ? `{"intValue":"${value}"}` : `{"doubleValue":${JSON.stringify(value)}}`;
    let values = '';
    for (let i = 0; i < value.length; i++) values += (i === 0 ? '' : ',') + this.value(value[i] as AttributeValue);
    return `{"arrayValue":{"values":[${values}]}}`;
  }

  attributes(attributes: Readonly<Attributes>): string {
    let out = '[';
    for (const key in attributes) {
      out += `${out.length > 1 ? ',' : ''}{"key":${this.str(key)},"value":${this.value(attributes[key] as AttributeValue)}}`;
    }
    return `${out}]`;
  }
}

function spanJson(span: SpanRecord, correctionMs: number, json: JsonText): string {
  let events = '';
  for (const event of span.events) {
    events += `${events === '' ? '' : ','}{"timeUnixNano":"${unixMsToNanoString(event.timeUnixMs + correctionMs)}","name":${json.str(event.name)},"attributes":${json.attributes(event.attributes)}}`;
  }
  const status = span.statusMessage === undefined ? `{"code":${span.statusCode}}` : `{"code":${span.statusCode},"message":${json.str(span.statusMessage)}}`;
  // Ids are hex and timestamps decimal: no escaping needed.
  let out =
    `{"traceId":"${span.traceId}","spanId":"${span.spanId}","name":${json.str(span.name)},"kind":${span.kind}` +
    `,"startTimeUnixNano":"${unixMsToNanoString(span.startUnixMs + correctionMs)}","endTimeUnixNano":"${unixMsToNanoString(span.endUnixMs + correctionMs)}"` +
    `,"attributes":${json.attributes(span.attributes)},"events":[${events}],"status":${status}`;
  const parent = span.parentSpanId;
  if (parent !== undefined) out += `,"parentSpanId":"${parent}"`;
  if (span.droppedAttributesCount > 0) out += `,"droppedAttributesCount":${span.droppedAttributesCount}`;
  if (span.droppedEventsCount > 0) out += `,"droppedEventsCount":${span.droppedEventsCount}`;
  return `${out}}`;
}

/** The envelope up to the spans, per resource object (one per pipeline). */
const headers = new WeakMap<object, string>();

function envelopeHead(resource: Readonly<Attributes>): string {
  let head = headers.get(resource);
  if (head === undefined) {
    const scope = JSON.stringify({ name: SDK_NAME, version: SDK_VERSION });
    head = `{"resourceSpans":[{"resource":{"attributes":${new JsonText().attributes(resource)}},"scopeSpans":[{"scope":${scope},"spans":[`;
    headers.set(resource, head);
  }
  return head;
}

/** One resource (this game client), one scope (this SDK), all spans of the batch. */
export class OtlpTracesJsonBuilder implements BodyBuilder<SpanRecord, string> {
  private readonly json = new JsonText();
  private readonly parts: string[] = [];

  constructor(
    private readonly resource: Readonly<Attributes>,
    private readonly correctionMs: number,
  ) {}

  add(span: SpanRecord): void {
    this.parts.push(spanJson(span, this.correctionMs, this.json));
  }

  finish(): string {
    return `${envelopeHead(this.resource)}${this.parts.join(',')}]}]}]}`;
  }
}
