import { afterAll, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../addons/game_tracker/core/ports';
import { createNodeHttpPort } from '../../node/node_ports';
import { remoteWriteRequestType, snappyCompress } from '../support/oracles';
import type { PrometheusServer } from '../support/prometheus';
import { findPrometheusBinary, startPrometheus, startPrometheusForTests } from '../support/prometheus';

const prom = await startPrometheusForTests();
afterAll(() => prom?.stop());

function server(): PrometheusServer {
  if (prom === null) throw new Error('unreachable: the suite is skipped without Prometheus');
  return prom;
}

interface Series {
  labels: Record<string, string>;
  samples: { value: number; timestampMs: number }[];
}

/** Posts one Remote Write 1.0 request, built with the oracle's reflected types (not the addon's encoder). */
function remoteWrite(series: Series[]): Promise<HttpResponse> {
  const type = remoteWriteRequestType();
  const request = type.fromObject({
    timeseries: series.map(({ labels, samples }) => ({
      labels: Object.keys(labels)
        .sort()
        .map((name) => ({ name, value: labels[name] })),
      samples: samples.map(({ value, timestampMs }) => ({ value, timestamp: String(timestampMs) })),
    })),
  });
  return new Promise((resolve) =>
    createNodeHttpPort().send(
      {
        channel: 'metrics',
        url: server().remoteWriteUrl,
        headers: {
          'Content-Type': 'application/x-protobuf',
          'Content-Encoding': 'snappy',
          'X-Prometheus-Remote-Write-Version': '0.1.0',
          'User-Agent': 'gametracker-selftest',
        },
        body: snappyCompress(type.encode(request).finish()),
        timeoutMs: 5_000,
      },
      resolve,
    ),
  );
}

describe.skipIf(prom === null)('a real Prometheus for tests', () => {
  it('accepts a remote write and answers PromQL about it', async () => {
    const nowMs = Date.now();
    const labels = { __name__: 'selftest_frames_total', game: 'dungeon' };
    const response = await remoteWrite([{ labels, samples: [{ value: 3, timestampMs: nowMs }] }]);
    expect(response.status).toBe(204);
    expect(await server().query('selftest_frames_total', nowMs / 1000)).toEqual([
      { metric: labels, samples: [{ timestampSec: nowMs / 1000, value: 3 }] },
    ]);
    const [series] = await server().query('selftest_frames_total[1m]');
    expect(series?.samples).toEqual([{ timestampSec: nowMs / 1000, value: 3 }]);
  });

  it('parses special values and scalar results', async () => {
    const nowMs = Date.now();
    const samples = [{ value: Infinity, timestampMs: nowMs }];
    expect((await remoteWrite([{ labels: { __name__: 'selftest_inf' }, samples }])).status).toBe(204);
    const [series] = await server().query('selftest_inf');
    expect(series?.samples[0]?.value).toBe(Infinity);
    expect(await server().query('scalar(vector(2))', nowMs / 1000)).toEqual([{ metric: {}, samples: [{ timestampSec: nowMs / 1000, value: 2 }] }]);
  });

  it('stays strict: refuses a sample older than the newest one in its series', async () => {
    const nowMs = Date.now();
    const labels = { __name__: 'selftest_out_of_order' };
    expect((await remoteWrite([{ labels, samples: [{ value: 1, timestampMs: nowMs }] }])).status).toBe(204);
    const late = await remoteWrite([{ labels, samples: [{ value: 2, timestampMs: nowMs - 10_000 }] }]);
    expect(late.status).toBe(400);
    expect(late.error).toMatch(/out of order/);
  });

  it('stays strict: refuses a sample far older than the head block (hours in the past)', async () => {
    expect((await remoteWrite([{ labels: { __name__: 'selftest_now' }, samples: [{ value: 1, timestampMs: Date.now() }] }])).status).toBe(204);
    const stale = await remoteWrite([{ labels: { __name__: 'selftest_stale' }, samples: [{ value: 1, timestampMs: Date.now() - 3 * 3_600_000 }] }]);
    expect(stale.status).toBe(400);
    expect(stale.error).toMatch(/out of bounds/);
  });

  it('reports PromQL errors as exceptions', async () => {
    await expect(server().query('sum(')).rejects.toThrow(/bad_data/);
  });

  it('stop() ends the server and is safe to repeat', async () => {
    const binary = findPrometheusBinary();
    if (binary === null) throw new Error('unreachable: the suite is skipped without Prometheus');
    const second = await startPrometheus(binary);
    await second.stop();
    await second.stop();
    await expect(fetch(`${second.baseUrl}/-/ready`)).rejects.toThrow();
  });
});
