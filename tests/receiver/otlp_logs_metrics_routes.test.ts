/**
 * POST /v1/logs and /v1/metrics on the built-in receiver, with payloads written by hand in OTLP/JSON
 * (opentelemetry-proto's JSON mapping) or built from the upstream types, never by GameTracker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchemas } from '../../demo/receiver/proto_schemas';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { post, unixNanoString } from './payloads';

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROTOBUF_HEADERS = { 'content-type': 'application/x-protobuf' };
const RESOURCE = {
  attributes: [
    { key: 'service.name', value: { stringValue: 'cave_game' } },
    { key: 'service.instance.id', value: { stringValue: 'session-1' } },
    { key: 'deployment.environment.name', value: { stringValue: 'prod' } },
    { key: 'os.name', value: { stringValue: 'Linux' } },
  ],
};

function metricsBody(metrics: readonly object[]): string {
  return JSON.stringify({ resourceMetrics: [{ resource: RESOURCE, scopeMetrics: [{ scope: { name: 't' }, metrics }] }] });
}

describe('OTLP logs and metrics on the built-in receiver', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver({ port: 0 });
  });
  afterAll(() => receiver.stop());

  it('stores log records as Loki does: service and environment as stream labels, the rest as structured metadata', async () => {
    const type = loadSchemas().otlpLogsRequest;
    const request = type.fromObject({
      resourceLogs: [{
        resource: RESOURCE,
        scopeLogs: [{
          logRecords: [{
            timeUnixNano: unixNanoString(),
            severityNumber: 17,
            severityText: 'ERROR',
            body: { stringValue: 'boss fight crashed' },
            attributes: [{ key: 'boss', value: { kvlistValue: { values: [{ key: 'hp', value: { intValue: 12 } }] } } }],
            traceId: Buffer.from('4bf92f3577b34da6a3ce929d0e0e4736', 'hex'),
            spanId: Buffer.from('00f067aa0ba902b7', 'hex'),
          }],
        }],
      }],
    });
    const result = await post(`${receiver.url}/v1/logs`, type.encode(request).finish(), PROTOBUF_HEADERS);
    expect(result.status).toBe(200);
    const line = receiver.snapshot().logs.latest.at(-1)!;
    expect(line).toMatchObject({ level: 'error', line: 'boss fight crashed', labels: { service_name: 'cave_game', deployment_environment_name: 'prod' } });
    expect(line.metadata).toMatchObject({
      boss_hp: '12',
      service_instance_id: 'session-1',
      os_name: 'Linux',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      severity_text: 'ERROR',
    });
  });

  it('translates metrics as Prometheus does: _total for monotonic sums, classic histogram series, job and instance, target_info', async () => {
    const now = unixNanoString();
    const start = unixNanoString(1000);
    const point = { startTimeUnixNano: start, timeUnixNano: now };
    const result = await post(`${receiver.url}/v1/metrics`, metricsBody([
      { name: 'player.deaths', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ ...point, asDouble: 3, attributes: [{ key: 'cause', value: { stringValue: 'lava' } }] }] } },
      { name: 'fps', gauge: { dataPoints: [{ ...point, asDouble: 59.5 }] } },
      { name: 'frame_ms', histogram: { aggregationTemporality: 2, dataPoints: [{ ...point, count: '3', sum: 30, bucketCounts: ['1', '2', '0'], explicitBounds: [8.3, 16.7] }] } },
    ]), JSON_HEADERS);
    expect(result.status).toBe(200);
    const { series, histograms } = receiver.snapshot().metrics;
    const deaths = series.find((s) => s.name === 'player_deaths_total');
    expect(deaths).toMatchObject({ kind: 'counter', value: 3, labels: { cause: 'lava', job: 'cave_game', instance: 'session-1' } });
    expect(series.find((s) => s.name === 'fps')).toMatchObject({ value: 59.5 });
    expect(series.find((s) => s.name === 'target_info')?.labels).toEqual({ job: 'cave_game', instance: 'session-1', deployment_environment_name: 'prod', os_name: 'Linux' });
    expect(histograms.find((h) => h.name === 'frame_ms')).toMatchObject({ count: 3, sum: 30 });
  });

  it.each([
    ['delta sums', { name: 'd', sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ timeUnixNano: unixNanoString(), asDouble: 1 }] } }, 'only cumulative'],
    ['bucket counts that do not fit the bounds', { name: 'h', histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: unixNanoString(), count: '1', bucketCounts: ['1'], explicitBounds: [1] }] } }, '1 bucket counts for 1 bounds'],
    ['a start after the point', { name: 'g', gauge: { dataPoints: [{ startTimeUnixNano: unixNanoString(), timeUnixNano: unixNanoString(60_000), asDouble: 1 }] } }, 'is after time_unix_nano'],
  ])('refuses %s with 400 and a google.rpc.Status', async (_what, metric, message) => {
    const result = await post(`${receiver.url}/v1/metrics`, metricsBody([metric]), JSON_HEADERS);
    expect(result.status).toBe(400);
    expect((JSON.parse(result.text) as { message: string }).message).toContain(message);
  });

  it('answers on Loki and Mimir paths too', async () => {
    const logs = await post(`${receiver.url}/otlp/v1/logs`, '{"resourceLogs":[]}', JSON_HEADERS);
    const metrics = await post(`${receiver.url}/otlp/v1/metrics`, '{"resourceMetrics":[]}', JSON_HEADERS);
    expect([logs.status, metrics.status]).toEqual([200, 200]);
  });
});
