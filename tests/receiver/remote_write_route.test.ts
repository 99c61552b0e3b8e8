import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { remoteWriteRequestType, snappyCompress } from '../support/oracles';
import { post, REMOTE_WRITE_HEADERS, remoteWriteBody } from './payloads';
import type { TestSeries } from './payloads';

const COMMON: readonly (readonly [string, string])[] = [
  ['env', 'dev'],
  ['game', 'demo'],
  ['session_id', 's-1'],
];

function series(name: string, labels: readonly (readonly [string, string])[], samples: TestSeries['samples']): TestSeries {
  const all = [['__name__', name] as const, ...COMMON, ...labels];
  return { labels: [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), samples };
}

describe('POST /api/v1/push (remote write 1.0)', () => {
  let receiver: Receiver;
  let url: string;

  beforeAll(async () => {
    receiver = await startReceiver({ port: 0 });
    url = `${receiver.url}/api/v1/push`;
  });
  afterAll(() => receiver.stop());

  it('stores counters, gauges and histograms, answering 204', async () => {
    const now = Date.now();
    const buckets: [string, number][] = [['50', 1], ['100', 3], ['250', 4], ['+Inf', 4]];
    const body = remoteWriteBody([
      series('player_joined_total', [], [[1, now - 1000], [2, now]]),
      series('players_online', [], [[3, now]]),
      ...buckets.map(([le, count]) => series('level_load_time_ms_bucket', [['level', 'forest'], ['le', le]], [[count, now]])),
      series('level_load_time_ms_sum', [['level', 'forest']], [[420, now]]),
      series('level_load_time_ms_count', [['level', 'forest']], [[4, now]]),
    ]);

    const result = await post(url, body, REMOTE_WRITE_HEADERS);

    expect(result.status).toBe(204);
    const metrics = receiver.snapshot().metrics;
    expect(metrics.series).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'player_joined_total', kind: 'counter', value: 2, timestampMs: now }),
        expect.objectContaining({ name: 'players_online', kind: 'gauge', value: 3, labels: { env: 'dev', game: 'demo', session_id: 's-1' } }),
      ]),
    );
    expect(metrics.series.map((item) => item.name)).not.toContain('level_load_time_ms_bucket');
    // Ranks 2 and 3.8 of 4 fall in (50, 100] and (100, 250]: 50 + 50 × (2 − 1)/2 and 100 + 150 × (3.8 − 3)/1.
    expect(metrics.histograms).toEqual([
      expect.objectContaining({ name: 'level_load_time_ms', labels: { env: 'dev', game: 'demo', level: 'forest', session_id: 's-1' }, count: 4, sum: 420, p50: 75, p95: expect.closeTo(220, 9) }),
    ]);
  });

  it('marks a series stale when it receives the stale marker', async () => {
    const labels = series('players_online', [['zone', 'stale']], []).labels.map(([name, value]) => ({ name, value }));
    expect((await post(url, remoteWriteBody([series('players_online', [['zone', 'stale']], [[1, Date.now() - 10]])]), REMOTE_WRITE_HEADERS)).status).toBe(204);
    const bits = new DataView(new ArrayBuffer(8));
    bits.setUint32(0, 0x7ff00000);
    bits.setUint32(4, 0x00000002);
    // Built without array literals: V8 stores an array of doubles unboxed and canonicalises NaN there,
    // which would turn the stale marker into an ordinary NaN before it is encoded.
    const type = remoteWriteRequestType();
    const sample = { value: bits.getFloat64(0), timestamp: Date.now() };
    const body = snappyCompress(type.encode(type.fromObject({ timeseries: [{ labels, samples: [sample] }] })).finish());

    const result = await post(url, body, REMOTE_WRITE_HEADERS);

    expect(result.status).toBe(204);
    expect(receiver.snapshot().metrics.series.find((item) => item.labels['zone'] === 'stale')).toMatchObject({ stale: true });
  });

  it.each([
    ['labels out of order', { labels: [['__name__', 'players_online'], ['session_id', 's'], ['game', 'demo']], samples: [[1, 0]] }, 'labels not sorted'],
    ['a duplicate label', { labels: [['__name__', 'players_online'], ['game', 'a'], ['game', 'b']], samples: [[1, 0]] }, 'duplicate label name'],
    ['no metric name', { labels: [['game', 'demo']], samples: [[1, 0]] }, 'missing __name__'],
    ['an invalid metric name', { labels: [['__name__', 'frame-time']], samples: [[1, 0]] }, 'invalid metric name'],
    ['an invalid label name', { labels: [['__name__', 'players_online'], ['service.name', 'demo']], samples: [[1, 0]] }, 'invalid label name'],
    ['an empty label value', { labels: [['__name__', 'players_online'], ['game', '']], samples: [[1, 0]] }, 'empty value'],
  ] as const)('answers 400 for %s', async (_case, testSeries, reason) => {
    const withTime = { ...testSeries, samples: [[1, Date.now()]] as const };

    const result = await post(url, remoteWriteBody([withTime]), REMOTE_WRITE_HEADERS);

    expect(result.status).toBe(400);
    expect(result.text).toContain(reason);
  });

  it('answers 400 for samples older than the series already holds, and for nanosecond timestamps', async () => {
    const now = Date.now();
    expect((await post(url, remoteWriteBody([series('shop_revenue_total', [], [[5, now]])]), REMOTE_WRITE_HEADERS)).status).toBe(204);

    const older = await post(url, remoteWriteBody([series('shop_revenue_total', [], [[6, now - 60_000]])]), REMOTE_WRITE_HEADERS);
    const nanos = await post(url, remoteWriteBody([series('frame_time_ms_count', [], [[1, now * 1e6]])]), REMOTE_WRITE_HEADERS);

    expect(older.status).toBe(400);
    expect(older.text).toContain('out of order sample');
    expect(nanos.status).toBe(400);
    expect(nanos.text).toContain('too new');
    expect(receiver.snapshot().metrics.series.find((item) => item.name === 'shop_revenue_total')?.value).toBe(5);
  });

  it('checks the headers remote write 1.0 requires', async () => {
    const body = remoteWriteBody([series('players_online', [], [[1, Date.now()]])]);
    const { 'content-encoding': _encoding, ...withoutEncoding } = REMOTE_WRITE_HEADERS;
    const { 'x-prometheus-remote-write-version': _version, ...withoutVersion } = REMOTE_WRITE_HEADERS;

    expect((await post(url, body, withoutEncoding)).status).toBe(415);
    expect((await post(url, body, { ...REMOTE_WRITE_HEADERS, 'content-type': 'application/json' })).status).toBe(415);
    expect((await post(url, body, { ...REMOTE_WRITE_HEADERS, 'content-type': 'application/x-protobuf;proto=io.prometheus.write.v2.Request' })).status).toBe(415);
    const missingVersion = await post(url, body, withoutVersion);
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.text).toContain('X-Prometheus-Remote-Write-Version');
  });

  it('answers 400 for an unframed body that is not snappy, or snappy that is not a WriteRequest', async () => {
    expect((await post(url, new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), REMOTE_WRITE_HEADERS)).status).toBe(400);
    const notProtobuf = await post(url, snappyCompress(new Uint8Array([0x0a, 0xff, 0x01])), REMOTE_WRITE_HEADERS);
    expect(notProtobuf.status).toBe(400);
    expect(notProtobuf.text).toContain('WriteRequest');
  });
});
