/**
 * The same scripted session inside QuickJS-NG with `protocol: "otlp"`: the OTLP encoders run with only
 * GodotJS's globals, and their bodies decode with the upstream definitions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../tools/quickjs_host';
import { decodeOtlpLogsProtobuf, decodeOtlpMetricsProtobuf, decodeOtlpTracesGenerated, otlpItems } from '../support/oracles';
import type { OtlpPlain } from '../support/oracles';
import { runEngineSession } from './engine_session';
import type { SessionResult } from './session_script';

let ctx: EngineContext;
let session: SessionResult;

beforeAll(async () => {
  ({ ctx, session } = await runEngineSession({ protocol: 'otlp' }));
}, 60_000);

afterAll(() => ctx?.dispose());

function bodies(channel: string): Uint8Array[] {
  return session.requests.filter((r) => r.channel === channel && (r.bytes?.length ?? 0) > 0).map((r) => Uint8Array.from(r.bytes!));
}


describe('protocol: "otlp" inside QuickJS-NG', () => {
  it('finishes the session with exact books and no warning', () => {
    expect(session.done).toBe(true);
    for (const signal of ['logs', 'metrics', 'traces'] as const) {
      expect(session.stats[signal].sent, signal).toBe(session.stats[signal].produced);
      expect(session.stats[signal].pending, signal).toBe(0);
    }
    expect(session.warnings).toEqual([]);
    expect(session.requests.every((r) => r.headers['Content-Type'] === 'application/x-protobuf')).toBe(true);
  });

  it('sends log records, metrics and spans that decode with the upstream definitions', () => {
    const records = bodies('logs').flatMap((b) => otlpItems(decodeOtlpLogsProtobuf(b), ['resourceLogs', 'scopeLogs', 'logRecords']));
    expect(records).toHaveLength(122);
    const first = records.find((r) => r['severityText'] === 'INFO')!;
    expect(first['body']).toMatchObject({ stringValue: 'wave 1 spawned' });
    expect(first['attributes']).toContainEqual({ key: 'note', value: { stringValue: 'ünïcödé ✓', value: 'stringValue' } });
    const warn = records.find((r) => r['severityNumber'] === 13)!;
    expect([warn['traceId'], warn['spanId']]).toEqual([session.spanIds.root.trace_id, session.spanIds.root.span_id]);

    const last = bodies('metrics').at(-1)!;
    const metrics = Object.fromEntries(otlpItems(decodeOtlpMetricsProtobuf(last), ['resourceMetrics', 'scopeMetrics', 'metrics']).map((m) => [m['name'], m]));
    const spawned = (metrics['enemies_spawned']!['sum'] as { dataPoints: OtlpPlain[] }).dataPoints;
    expect(spawned.map((p) => p['asDouble'])).toEqual([60, 60]);
    expect((metrics['frame_ms']!['histogram'] as { dataPoints: OtlpPlain[] }).dataPoints[0]).toMatchObject({ count: '120' });

    const spans = bodies('traces').flatMap((b) => otlpItems(decodeOtlpTracesGenerated(b), ['resourceSpans', 'scopeSpans', 'spans']));
    expect(spans.map((s) => s['name']).sort()).toEqual(['load_assets', 'load_level', 'spawn_boss']);
  });
});
