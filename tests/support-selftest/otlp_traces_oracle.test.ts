import { describe, expect, it } from 'vitest';
import { decodeOtlpTracesJson, decodeOtlpTracesProtobuf, otlpTraceRequestType } from '../support/oracles';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const PARENT_ID = '00f067aa0ba902b7';

/** An OTLP/JSON export in the style of upstream's examples/trace.json, using every field we may send. */
function example(): { resourceSpans: [Record<string, unknown>] } {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dungeon' } }] },
        scopeSpans: [
          {
            scope: { name: 'game_tracker', version: '0.1.0', attributes: [{ key: 'godot.version', value: { stringValue: '4.4' } }] },
            spans: [
              {
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                parentSpanId: PARENT_ID,
                name: 'load_level',
                kind: 1,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000250000000',
                flags: 1,
                attributes: [
                  { key: 'level', value: { intValue: '3' } },
                  { key: 'ratio', value: { doubleValue: 0.5 } },
                  { key: 'cached', value: { boolValue: false } },
                  { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
                ],
                events: [{ timeUnixNano: '1700000000100000000', name: 'assets_loaded', attributes: [] }],
                links: [{ traceId: TRACE_ID, spanId: PARENT_ID, flags: 1 }],
                status: { code: 2, message: 'missing texture' },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The example with one value replaced, addressed by a path of keys and indexes. */
function withChange(path: (string | number)[], value: unknown): string {
  const body = example();
  let node: Record<string | number, unknown> = body;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return JSON.stringify(body);
}

const SPAN = ['resourceSpans', 0, 'scopeSpans', 0, 'spans', 0];
const SPAN_PATH = 'resourceSpans[0].scopeSpans[0].spans[0]';

describe('decodeOtlpTracesJson', () => {
  it('accepts a well-formed export and returns it in OTLP/JSON form with defaults filled in', () => {
    const decoded = decodeOtlpTracesJson(JSON.stringify(example()));
    const span = decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    expect(span).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      kind: 1,
      flags: 1,
      startTimeUnixNano: '1700000000000000000',
      traceState: '',
      droppedAttributesCount: 0,
      status: { code: 2, message: 'missing texture' },
    });
    expect(span?.attributes[0]).toEqual({ key: 'level', value: { intValue: '3' } });
    expect(span?.links[0]).toMatchObject({ traceId: TRACE_ID, spanId: PARENT_ID, flags: 1 });
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.scope?.attributes).toHaveLength(1);
  });

  it('accepts upper-case hex ids (the spec says case-insensitive) and returns them lower-case', () => {
    const decoded = decodeOtlpTracesJson(withChange([...SPAN, 'traceId'], TRACE_ID.toUpperCase()));
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId).toBe(TRACE_ID);
  });

  it('accepts a root span without parentSpanId, or with an empty one', () => {
    expect(() => decodeOtlpTracesJson(withChange([...SPAN, 'parentSpanId'], undefined))).not.toThrow();
    expect(() => decodeOtlpTracesJson(withChange([...SPAN, 'parentSpanId'], ''))).not.toThrow();
  });

  it.each([
    ['base64 ids', [...SPAN, 'traceId'], Buffer.from(TRACE_ID, 'hex').toString('base64'), `${SPAN_PATH}.traceId: expected 32 hex digits`],
    ['a short span id', [...SPAN, 'spanId'], 'b7ad6b71', `${SPAN_PATH}.spanId: expected 16 hex digits`],
    ['an all-zero trace id', [...SPAN, 'traceId'], '0'.repeat(32), `${SPAN_PATH}.traceId: an all-zero id is invalid`],
    ['a missing span id', [...SPAN, 'spanId'], undefined, `${SPAN_PATH}: spanId is required`],
    ['an empty name', [...SPAN, 'name'], '', `${SPAN_PATH}: name is required`],
    ['a string enum', [...SPAN, 'kind'], 'SPAN_KIND_SERVER', `${SPAN_PATH}.kind: enums must be integers`],
    ['an enum out of range', [...SPAN, 'kind'], 6, `${SPAN_PATH}.kind: 6 is not a value of SpanKind`],
    ['a numeric timeUnixNano', [...SPAN, 'startTimeUnixNano'], 1700000000000000000, `${SPAN_PATH}.startTimeUnixNano: 64-bit integers must be decimal strings`],
    ['a decimal string with a fraction', [...SPAN, 'endTimeUnixNano'], '1700000000250000000.5', 'expected a decimal integer string'],
    ['a negative unsigned 64-bit value', [...SPAN, 'endTimeUnixNano'], '-1', 'out of range for fixed64'],
    ['a string for a 32-bit integer', [...SPAN, 'droppedAttributesCount'], '2', `${SPAN_PATH}.droppedAttributesCount: expected an integer number`],
    ['a snake_case key', [...SPAN, 'start_time_unix_nano'], '1', `${SPAN_PATH}.start_time_unix_nano: proto field names are not valid JSON keys; use 'startTimeUnixNano'`],
    ['an unknown key', [...SPAN, 'duration'], 5, `${SPAN_PATH}.duration: unknown field of opentelemetry.proto.trace.v1.Span`],
    ['the removed instrumentationLibrarySpans', ['resourceSpans', 0, 'instrumentationLibrarySpans'], [], 'unknown field'],
    ['null (JSON.stringify of NaN)', [...SPAN, 'attributes', 1, 'value', 'doubleValue'], null, `${SPAN_PATH}.attributes[1].value.doubleValue: null is not allowed`],
    ['two members of a oneof', [...SPAN, 'attributes', 0, 'value', 'stringValue'], 'x', "oneof 'value' is already set by 'intValue'"],
    ['an attribute without a value', [...SPAN, 'attributes', 0, 'value'], undefined, `${SPAN_PATH}.attributes[0]: value is required`],
    ['a non-array repeated field', [...SPAN, 'events'], {}, `${SPAN_PATH}.events: expected an array`],
    ['a span that ends before it starts', [...SPAN, 'endTimeUnixNano'], '1699999999999999999', `${SPAN_PATH}: ends before it starts`],
    ['a scope without spans', [...SPAN.slice(0, -1)], [], 'resourceSpans[0].scopeSpans[0].spans: empty envelope'],
  ])('rejects %s, naming the path', (_case, path, value, message) => {
    expect(() => decodeOtlpTracesJson(withChange(path, value))).toThrow(message);
  });

  it('rejects a body that is not JSON and an empty request', () => {
    expect(() => decodeOtlpTracesJson('{"resourceSpans": [')).toThrow('body is not JSON');
    expect(() => decodeOtlpTracesJson('{}')).toThrow('resourceSpans: empty envelope');
  });

  it('accepts what receivers accept when strict is off: numbers for 64-bit fields, empty envelopes', () => {
    const numeric = withChange([...SPAN, 'endTimeUnixNano'], 1700000000250000000);
    // Accepted, and already rounded by JSON.parse: the reason strict mode insists on strings.
    expect(decodeOtlpTracesJson(numeric, { strict: false }).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.endTimeUnixNano).toBe(
      '1700000000249999872',
    );
    expect(decodeOtlpTracesJson('{}', { strict: false })).toEqual({ resourceSpans: [] });
    // Still no base64 ids, string enums or unknown keys.
    expect(() => decodeOtlpTracesJson(withChange([...SPAN, 'kind'], 'SPAN_KIND_INTERNAL'), { strict: false })).toThrow('enums');
  });
});

describe('decodeOtlpTracesProtobuf', () => {
  it('decodes a binary export to the same result as its JSON twin', () => {
    const fromJson = decodeOtlpTracesJson(JSON.stringify(example()));
    const type = otlpTraceRequestType();
    const span = {
      trace_id: Buffer.from(TRACE_ID, 'hex'),
      span_id: Buffer.from(SPAN_ID, 'hex'),
      parent_span_id: Buffer.from(PARENT_ID, 'hex'),
      name: 'load_level',
      kind: 1,
      start_time_unix_nano: '1700000000000000000',
      end_time_unix_nano: '1700000000250000000',
      flags: 1,
      attributes: [
        { key: 'level', value: { int_value: '3' } },
        { key: 'ratio', value: { double_value: 0.5 } },
        { key: 'cached', value: { bool_value: false } },
        { key: 'tags', value: { array_value: { values: [{ string_value: 'a' }, { string_value: 'b' }] } } },
      ],
      events: [{ time_unix_nano: '1700000000100000000', name: 'assets_loaded' }],
      links: [{ trace_id: Buffer.from(TRACE_ID, 'hex'), span_id: Buffer.from(PARENT_ID, 'hex'), flags: 1 }],
      status: { code: 2, message: 'missing texture' },
    };
    const message = type.fromObject({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'dungeon' } }] },
          scope_spans: [
            {
              scope: { name: 'game_tracker', version: '0.1.0', attributes: [{ key: 'godot.version', value: { string_value: '4.4' } }] },
              spans: [span],
            },
          ],
        },
      ],
    });
    expect(decodeOtlpTracesProtobuf(type.encode(message).finish())).toEqual(fromJson);
  });

  it('holds binary bodies to the same rules (here: an all-zero span id)', () => {
    const type = otlpTraceRequestType();
    const message = type.fromObject({
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: Buffer.from(TRACE_ID, 'hex'),
                  span_id: Buffer.alloc(8),
                  name: 'x',
                  start_time_unix_nano: '1',
                  end_time_unix_nano: '2',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(() => decodeOtlpTracesProtobuf(type.encode(message).finish())).toThrow(`${SPAN_PATH}.spanId: an all-zero id is invalid`);
  });
});
