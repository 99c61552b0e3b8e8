/**
 * `npm run load`: its options are bounded, its sink counts what arrives and tees metrics pushes, and a
 * short fleet plays sessions that start, end and crash over time, sending everything they count.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTOGRAM_BUCKETS } from '../../addons/game_tracker/core/config';
import { parseLoadArgs } from '../../tools/load/args';
import { runFleet } from '../../tools/load/fleet';
import { startSink } from '../../tools/load/sink';
import { Tally } from '../../tools/load/tally';
import { REMOTE_WRITE_HEADERS } from '../receiver/payloads';

describe('npm run load options', () => {
  it('has bounded defaults and refuses what it cannot do', () => {
    expect(parseLoadArgs([])).toMatchObject({ endpoint: undefined, protocol: 'native', sessions: 300, concurrent: 100, durationSec: 120, compare: false, tierIntervalSec: 30 });
    expect(parseLoadArgs(['--sessions=5000', '--concurrent', '2000', '--compare'])).toMatchObject({ sessions: 5000, concurrent: 2000, compare: true });
    expect(() => parseLoadArgs(['--sessions', '20001'])).toThrow('--sessions needs a number from 1 to 20000');
    expect(() => parseLoadArgs(['--duration', '3601'])).toThrow('--duration');
    expect(() => parseLoadArgs(['--endpoint', 'ftp://x'])).toThrow('--endpoint');
    expect(() => parseLoadArgs(['--compare', '--protocol', 'otlp'])).toThrow('native protocol');
    expect(() => parseLoadArgs(['--players', '3'])).toThrow('unknown option --players');
  });
});

describe('the load sink', () => {
  it('counts requests and bytes per signal, and tees native metrics pushes with their headers', async () => {
    const target = await startSink([]);
    const sink = await startSink([`${target.url}/api/v1/push`]);
    try {
      const push = await fetch(`${sink.url}/api/v1/push`, { method: 'POST', body: new Uint8Array(10), headers: REMOTE_WRITE_HEADERS });
      const logs = await fetch(`${sink.url}/loki/api/v1/push`, { method: 'POST', body: '{"streams":[]}', headers: { 'content-type': 'application/json' } });
      const traces = await fetch(`${sink.url}/v1/traces`, { method: 'POST', body: new Uint8Array(3), headers: { 'content-type': 'application/x-protobuf' } });
      expect([push.status, logs.status, traces.status]).toEqual([204, 204, 200]);
      expect(sink.traffic).toEqual({ logs: { requests: 1, bytes: 14 }, metrics: { requests: 1, bytes: 10 }, traces: { requests: 1, bytes: 3 } });
      expect(target.traffic.metrics).toEqual({ requests: 1, bytes: 10 });
      expect((await fetch(`${sink.url}/nowhere`, { method: 'POST' })).status).toBe(404);
    } finally {
      await sink.close();
      await target.close();
    }
  });
});

describe('a load fleet', () => {
  it('plays sessions over time, some crashing, and sends all they produce', async () => {
    const sink = await startSink([]);
    const warnings: string[] = [];
    try {
      const fleet = await runFleet({ endpoint: sink.url, protocol: 'native', sessions: 6, concurrent: 3, meanSessionSec: 1, durationSec: 4, fps: 20, crashShare: 0.3, seed: 7, tally: new Tally(DEFAULT_HISTOGRAM_BUCKETS), onWarning: (message) => warnings.push(message) });
      expect(warnings).toEqual([]);
      expect(fleet.started).toBe(6);
      expect(fleet.peakConcurrent).toBe(3);
      expect(fleet.endedCleanly + fleet.crashed).toBe(6);
      for (const signal of ['logs', 'metrics', 'traces'] as const) {
        expect(fleet.items[signal].produced, signal).toBeGreaterThan(0);
        expect(fleet.items[signal]).toMatchObject({ sent: fleet.items[signal].produced, dropped: 0 });
        expect(sink.traffic[signal].requests, signal).toBeGreaterThan(0);
      }
    } finally {
      await sink.close();
    }
  }, 30_000);
});
