/**
 * `protocol: "otlp"` logs: decoded by the upstream definitions (otlp-generated-protos), never by our encoder.
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';
import { decodeOtlpLogsProtobuf } from '../support/oracles';
import type { OtlpPlain } from '../support/oracles';

type Records = OtlpPlain[];

function sentLogs(h: Harness): { resource: Record<string, unknown>; scope: OtlpPlain; records: Records } {
  h.tracker.flush();
  h.tracker.tick();
  const request = h.http.ofChannel('logs')[0]!;
  expect(request.url).toBe('http://127.0.0.1:9/v1/logs');
  expect(request.headers['Content-Type']).toBe('application/x-protobuf');
  const decoded = decodeOtlpLogsProtobuf(request.body as Uint8Array) as { resourceLogs: OtlpPlain[] };
  expect(decoded.resourceLogs).toHaveLength(1);
  const resourceLogs = decoded.resourceLogs[0] as { resource: { attributes: OtlpPlain[] }; scopeLogs: { scope: OtlpPlain; logRecords: Records }[] };
  expect(resourceLogs.scopeLogs).toHaveLength(1);
  const attrs = Object.fromEntries(resourceLogs.resource.attributes.map((kv) => [kv['key'], (kv['value'] as OtlpPlain)['stringValue']]));
  return { resource: attrs, scope: resourceLogs.scopeLogs[0]!.scope, records: resourceLogs.scopeLogs[0]!.logRecords };
}

const START_NS = BigInt(Date.UTC(2026, 10, 24, 12)) * 1_000_000n;

describe('OTLP protobuf logs (decoded with the upstream opentelemetry-proto definitions)', () => {
  it('maps levels to the log data model severity numbers and texts, the message to the body', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.log_debug('d');
    h.tracker.log_info('i');
    h.tracker.log_warn('w');
    h.tracker.log_error('e');
    const { records, scope } = sentLogs(h);
    expect(scope).toMatchObject({ name: 'game_tracker' });
    expect(records.map((r) => [r['severityNumber'], r['severityText'], (r['body'] as OtlpPlain)['stringValue']])).toEqual([
      [5, 'DEBUG', 'd'],
      [9, 'INFO', 'i'],
      [13, 'WARN', 'w'],
      [17, 'ERROR', 'e'],
    ]);
  });

  it('stamps exact nanoseconds (fractions of a millisecond kept), observed at the same time', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.clock.advance(1234.567);
    h.tracker.log_info('late');
    const [record] = sentLogs(h).records;
    expect(record!['timeUnixNano']).toBe(String(START_NS + 1_234_567_000n));
    expect(record!['observedTimeUnixNano']).toBe(record!['timeUnixNano']);
  });

  it('keeps nested data structured as kvlist and array attributes, with typed scalars', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.log_info('loot', { gold: 12, ratio: 0.5, rare: true, none: null, item: { name: 'sword', tags: ['a', 2] } });
    const [record] = sentLogs(h).records;
    expect(record!['attributes']).toEqual([
      { key: 'gold', value: { intValue: '12', value: 'intValue' } },
      { key: 'ratio', value: { doubleValue: 0.5, value: 'doubleValue' } },
      { key: 'rare', value: { boolValue: true, value: 'boolValue' } },
      { key: 'none', value: {} },
      {
        key: 'item',
        value: {
          value: 'kvlistValue',
          kvlistValue: {
            values: [
              { key: 'name', value: { stringValue: 'sword', value: 'stringValue' } },
              {
                key: 'tags',
                value: {
                  value: 'arrayValue',
                  arrayValue: { values: [{ stringValue: 'a', value: 'stringValue' }, { intValue: '2', value: 'intValue' }] },
                },
              },
            ],
          },
        },
      },
    ]);
  });

  it('puts trace and span ids in the record fields, user, tags and contexts in attributes, session and device on the resource', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.set_user({ id: 'u-7', name: 'Ann' });
    h.tracker.set_tag('region', 'eu');
    h.tracker.set_context('level', { name: 'cave' });
    const span = h.tracker.start_span('boss');
    h.tracker.log_warn('hit', { span, damage: 3 });
    const { records, resource } = sentLogs(h);
    const record = records[0]!;
    expect(record['traceId']).toBe(span.trace_id);
    expect(record['spanId']).toBe(span.span_id);
    const keys = (record['attributes'] as OtlpPlain[]).map((kv) => kv['key']);
    expect(keys).toEqual(['damage', 'region', 'user.id', 'user.name', 'level']);
    const sessionId = h.tracker.stats().session_id;
    expect(resource).toMatchObject({
      'service.name': 'test_game',
      'service.version': '1.0.0',
      'deployment.environment.name': 'test',
      'service.instance.id': sessionId,
      'session.id': sessionId,
      'os.name': 'Linux',
      'godot.version': '4.6.1',
    });
  });

  it('lets the call data win when it names an attribute the context also sets (keys stay unique)', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.set_tag('region', 'eu');
    h.tracker.log_info('a', { region: 'us' });
    h.tracker.log_info('b');
    const [first, second] = sentLogs(h).records;
    expect(first!['attributes']).toEqual([{ key: 'region', value: { stringValue: 'us', value: 'stringValue' } }]);
    expect(second!['attributes']).toEqual([{ key: 'region', value: { stringValue: 'eu', value: 'stringValue' } }]);
  });

  it('moves timestamps onto the receiver clock once a Date header is known', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.log_info('first');
    h.tracker.flush();
    h.tracker.tick();
    // The receiver's clock is an hour ahead of the device's.
    h.http.respondAll({ status: 204, headers: { date: new Date(Date.UTC(2026, 10, 24, 13)).toUTCString() } });
    h.tracker.log_info('second');
    h.tracker.flush();
    h.tracker.tick();
    const second = decodeOtlpLogsProtobuf(h.http.ofChannel('logs')[1]!.body as Uint8Array) as { resourceLogs: { scopeLogs: { logRecords: Records }[] }[] };
    const time = BigInt(second.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!['timeUnixNano'] as string);
    expect(Number(time / 1_000_000n - BigInt(Date.UTC(2026, 10, 24, 13)))).toBeLessThan(1000);
    expect(Number(time / 1_000_000n - BigInt(Date.UTC(2026, 10, 24, 13)))).toBeGreaterThan(-1000);
  });
});

describe('OTLP protobuf strings', () => {
  it('replace unpaired surrogates (a truncated emoji) so that the body stays valid UTF-8', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.log_info('cut \ud83d here', { ['k\udc00']: 'pair \ud83d\ude00 kept' });
    const [record] = sentLogs(h).records;
    expect((record!['body'] as OtlpPlain)['stringValue']).toBe('cut \ufffd here');
    expect(record!['attributes']).toEqual([{ key: 'k\ufffd', value: { stringValue: 'pair \ud83d\ude00 kept', value: 'stringValue' } }]);
  });
});

describe('OTLP protobuf log data (encoded pairs are cached)', () => {
  it('keeps values of different types apart, however they print', () => {
    const h = createHarness({ protocol: 'otlp' });
    for (const value of [1, '1', true, 'true', 1.5, '1.5']) h.tracker.log_info('v', { a: value });
    const values = sentLogs(h).records.map((r) => ((r['attributes'] as OtlpPlain[])[0]!['value'] as OtlpPlain));
    expect(values).toEqual([
      { intValue: '1', value: 'intValue' },
      { stringValue: '1', value: 'stringValue' },
      { boolValue: true, value: 'boolValue' },
      { stringValue: 'true', value: 'stringValue' },
      { doubleValue: 1.5, value: 'doubleValue' },
      { stringValue: '1.5', value: 'stringValue' },
    ]);
  });

  it('stays right past its bound (thousands of distinct values)', () => {
    const h = createHarness({ protocol: 'otlp', queue_limit: 6000, batch_size: 6000, log_repeat_limit: 0 });
    for (let i = 0; i < 5000; i++) h.tracker.log_info('n', { n: i, s: `v${i % 4500}` });
    const records = sentLogs(h).records;
    expect(records).toHaveLength(5000);
    records.forEach((record, i) => {
      expect(record['attributes']).toEqual([
        { key: 'n', value: { intValue: String(i), value: 'intValue' } },
        { key: 's', value: { stringValue: `v${i % 4500}`, value: 'stringValue' } },
      ]);
    });
  });
});
