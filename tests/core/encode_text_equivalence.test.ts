/**
 * The Loki and OTLP encoders write JSON as text, with per-batch caches, for speed under QuickJS. Here
 * they must give exactly what `JSON.stringify` of the plain object form gives (the form they replaced),
 * for any text: quotes, control characters, non-BMP and lone surrogates included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBody } from '../../addons/game_tracker/core/export/body_builder';
import { LokiPushBuilder } from '../../addons/game_tracker/core/logs/encode_loki';
import type { LogRecord } from '../../addons/game_tracker/core/logs/log_record';
import { unixMsToNanoString } from '../../addons/game_tracker/core/time';
import { OtlpTracesJsonBuilder, toKeyValues } from '../../addons/game_tracker/core/traces/encode_otlp_traces';
import type { SpanRecord } from '../../addons/game_tracker/core/traces/span_record';
import type { Attributes, Value } from '../../addons/game_tracker/core/types';
import { SDK_NAME, SDK_VERSION } from '../../addons/game_tracker/core/version';

const text = fc.string({ unit: 'binary', maxLength: 12 });
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
const attributes: fc.Arbitrary<Attributes> = fc.dictionary(text, fc.oneof(scalar, fc.array(fc.oneof(text, fc.integer(), fc.boolean()), { maxLength: 3 })), { maxKeys: 4 });
const time = fc.double({ min: 1.7e12, max: 1.9e12, noNaN: true });

const metadataViews: Record<string, string>[] = [{ session_id: 's-1', os_name: 'Linux "x"' }, { session_id: 's-1', user_id: 'ü\u0001' }, {}, { trace_id: 'a tag', build: '7' }];
const logRecord: fc.Arbitrary<LogRecord> = fc.record({
  timeUnixMs: time,
  level: fc.constantFrom('debug', 'info', 'warn', 'error'),
  msg: text,
  data: fc.option(fc.dictionary(text, scalar, { maxKeys: 3 }), { nil: undefined }),
  metadata: fc.constantFrom(...metadataViews),
  contexts: fc.constantFrom<Record<string, Value>>({}, { level: { name: 'caves', seed: 9 } }),
  traceId: fc.option(hex(32), { nil: undefined }),
  spanId: fc.option(hex(16), { nil: undefined }),
});

/** The object form, as the encoder built it before it wrote text. */
function lokiReference(records: readonly LogRecord[], correctionMs: number): unknown {
  const byLevel = new Map<string, unknown[]>();
  for (const r of records) {
    const line: Record<string, unknown> = { msg: r.msg };
    if (r.data !== undefined) line['data'] = r.data;
    if (Object.keys(r.contexts).length > 0) line['context'] = r.contexts;
    const metadata = r.traceId === undefined ? r.metadata : { ...r.metadata, trace_id: r.traceId, span_id: r.spanId ?? '' };
    if (!byLevel.has(r.level)) byLevel.set(r.level, []);
    byLevel.get(r.level)!.push([unixMsToNanoString(r.timeUnixMs + correctionMs), JSON.stringify(line), metadata]);
  }
  return { streams: [...byLevel].map(([level, values]) => ({ stream: { service_name: 'g"1', game: 'g"1', env: 'ci', level }, values })) };
}

const spanRecord: fc.Arbitrary<SpanRecord> = fc.record({
  traceId: hex(32),
  spanId: hex(16),
  parentSpanId: fc.option(hex(16), { nil: undefined }),
  name: text,
  kind: fc.constant(1),
  startUnixMs: time,
  endUnixMs: time,
  attributes,
  droppedAttributesCount: fc.nat(3),
  events: fc.array(fc.record({ timeUnixMs: time, name: text, attributes }), { maxLength: 2 }),
  droppedEventsCount: fc.nat(3),
  statusCode: fc.constantFrom(0, 2),
  statusMessage: fc.option(text, { nil: undefined }),
});

function otlpReference(spans: readonly SpanRecord[], resource: Attributes, c: number): unknown {
  const ns = (ms: number) => unixMsToNanoString(ms + c);
  return {
    resourceSpans: [{
      resource: { attributes: toKeyValues(resource) },
      scopeSpans: [{
        scope: { name: SDK_NAME, version: SDK_VERSION },
        spans: spans.map((s) => {
          const o: Record<string, unknown> = {
            traceId: s.traceId, spanId: s.spanId, name: s.name, kind: s.kind, startTimeUnixNano: ns(s.startUnixMs), endTimeUnixNano: ns(s.endUnixMs),
            attributes: toKeyValues(s.attributes),
            events: s.events.map((e) => ({ timeUnixNano: ns(e.timeUnixMs), name: e.name, attributes: toKeyValues(e.attributes) })),
            status: s.statusMessage === undefined ? { code: s.statusCode } : { code: s.statusCode, message: s.statusMessage },
          };
          if (s.parentSpanId !== undefined) o['parentSpanId'] = s.parentSpanId;
          if (s.droppedAttributesCount > 0) o['droppedAttributesCount'] = s.droppedAttributesCount;
          if (s.droppedEventsCount > 0) o['droppedEventsCount'] = s.droppedEventsCount;
          return o;
        }),
      }],
    }],
  };
}

describe('text-built JSON equals the object form', () => {
  it('Loki push', () => {
    fc.assert(
      fc.property(fc.array(logRecord, { minLength: 1, maxLength: 8 }), fc.integer({ min: -5000, max: 5000 }), (records, c) => {
        const body = buildBody(new LokiPushBuilder({ service_name: 'g"1', game: 'g"1', env: 'ci' }, c), records);
        expect(body).toBe(JSON.stringify(lokiReference(records, c)));
      }),
      { numRuns: 500 },
    );
  });

  it('OTLP traces', () => {
    fc.assert(
      fc.property(fc.array(spanRecord, { minLength: 1, maxLength: 6 }), attributes, fc.integer({ min: -5000, max: 5000 }), (spans, resource, c) => {
        expect(buildBody(new OtlpTracesJsonBuilder(resource, c), spans)).toBe(JSON.stringify(otlpReference(spans, resource, c)));
      }),
      { numRuns: 500 },
    );
  });
});
