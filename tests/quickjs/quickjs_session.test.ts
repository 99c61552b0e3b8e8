/**
 * The addon's engine-agnostic runtime (core + its vendored protobufjs/minimal and snappyjs, bundled by esbuild) loads
 * and runs inside QuickJS-NG with only the globals GodotJS provides: console, the timers and require.
 * A scripted session runs there against an HTTP port written in the engine; its request bodies are
 * shipped out and decoded here with independent decoders (upstream protos, the Loki API shape).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, bundleForEngine } from '../../tools/bundle';
import { FORBIDDEN_GLOBALS, createEngineContext } from '../../tools/quickjs_host';
import type { EngineContext } from '../../tools/quickjs_host';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';
import type { RemoteWriteSeries } from '../support/oracles';
import { runEngineSession } from './engine_session';
import type { RecordedRequest, SessionResult } from './session_script';

let ctx: EngineContext;
let session: SessionResult;
let runtimeInputs: readonly string[];

function ofChannel(channel: string): RecordedRequest[] {
  return session.requests.filter((r) => r.channel === channel);
}

function labelsOf(series: RemoteWriteSeries): Record<string, string> {
  return Object.fromEntries(series.labels.map((l) => [l.name, l.value]));
}

beforeAll(async () => {
  ({ ctx, session, runtimeInputs } = await runEngineSession());
}, 60_000);

afterAll(() => ctx?.dispose());

describe('the runtime bundle inside QuickJS-NG', () => {
  it('is built from the addon folder alone (codecs vendored), with no npm package and no Node built-in', () => {
    expect(runtimeInputs.every((i) => i.startsWith('addons/game_tracker/core/'))).toBe(true);
    expect(runtimeInputs).toContain('addons/game_tracker/core/vendor/wire_codecs.ts');
  });

  it('runs in a context without the globals GodotJS lacks, and installs none', () => {
    for (const name of FORBIDDEN_GLOBALS) expect(session.globals[name], name).toBe('undefined');
    expect(session.globals['queueMicrotask']).toBe('undefined');
    // protobufjs 8 constructs a TextDecoder while loading; the bundle brings its own, not a global.
    expect(session.globals['TextDecoder after load']).toBe('undefined');
  });

  it('the vendored codecs alone load and encode in the same context, with no decoder installed first', async () => {
    const bare = await bundleForEngine(path.join(REPO_ROOT, 'tests/quickjs/fixtures/vendored_codecs_only.ts'));
    const other = await createEngineContext({ strictGlobals: true });
    try {
      other.define('codecs_only', bare.code);
      expect(other.evaluate(`require('codecs_only').loaded`)).toBe(true);
    } finally {
      other.dispose();
    }
  });

  it('finishes the session: shutdown completes and every item is accounted for', () => {
    expect(session.done).toBe(true);
    for (const signal of ['logs', 'metrics', 'traces'] as const) {
      const stats = session.stats[signal];
      const dropped = Object.values(stats.dropped).reduce((a, b) => a + b, 0);
      expect(stats.produced, signal).toBeGreaterThan(0);
      expect(stats.sent, signal).toBe(stats.produced);
      expect(stats.pending + dropped, signal).toBe(0);
    }
    expect(session.warnings).toEqual([]);
    expect(ctx.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });

  it('sends remote write that decodes with the upstream proto (snappy, cumulative, sorted labels)', () => {
    const requests = ofChannel('metrics');
    expect(requests.length).toBeGreaterThan(1);
    const last = requests.at(-1)!;
    expect(last.headers['Content-Encoding']).toBe('snappy');
    expect(last.headers['X-Prometheus-Remote-Write-Version']).toBe('0.1.0');
    const decoded = decodeRemoteWrite(Uint8Array.from(last.bytes!));
    for (const series of decoded.timeseries) {
      const names = series.labels.map((l) => l.name);
      expect(names).toEqual([...names].sort());
      expect(labelsOf(series)).toMatchObject({ game: 'quickjs_game', env: 'ci', version: '2.0.0' });
    }
    const find = (name: string, extra: Record<string, string> = {}) =>
      decoded.timeseries.filter((s) => labelsOf(s)['__name__'] === name && Object.entries(extra).every(([k, v]) => labelsOf(s)[k] === v));
    expect(find('enemies_spawned_total', { kind: 'orc' })[0]!.samples[0]!.value).toBe(60);
    expect(find('enemies_spawned_total', { kind: 'goblin' })[0]!.samples[0]!.value).toBe(60);
    expect(find('frame_ms_count')[0]!.samples[0]!.value).toBe(120);
    expect(find('frame_ms_bucket', { le: '+Inf' })[0]!.samples[0]!.value).toBe(120);
    const sum = Array.from({ length: 120 }, (_, i) => 8 + ((i + 1) % 20)).reduce((a, b) => a + b, 0);
    expect(find('frame_ms_sum')[0]!.samples[0]!.value).toBe(sum);
    expect(find('enemies_alive')[0]!.samples[0]!.value).toBe(120 % 7);
  });

  it('sends Loki push JSON with structured metadata and span correlation', () => {
    const lines = ofChannel('logs').flatMap((r) => checkLokiPushJson(r.text!).flatMap((s) => s.values.map((v) => ({ ...v, level: s.stream['level'] }))));
    expect(lines).toHaveLength(122);
    const first = lines.find((l) => l.level === 'info')!;
    expect(JSON.parse(first.line)).toEqual({ msg: 'wave 1 spawned', data: { kind: 'goblin', wave: 1, note: 'ünïcödé ✓' }, context: { level: { name: 'caves', seed: 99 } } });
    expect(first.metadata).toMatchObject({ session_id: session.stats.session_id, user_id: 'player-7', user_name: 'Ada', build: 'ci-42', os_name: 'Linux' });
    const warn = lines.find((l) => l.level === 'warn')!;
    expect(warn.metadata).toMatchObject({ trace_id: session.spanIds.root.trace_id, span_id: session.spanIds.root.span_id });
  });

  it('sends OTLP JSON traces with hex ids, parent links, events and status', () => {
    const spans = ofChannel('traces').flatMap((r) => decodeOtlpTracesJson(r.text!).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
    expect(spans.map((s) => s.name).sort()).toEqual(['load_assets', 'load_level', 'spawn_boss']);
    const root = spans.find((s) => s.name === 'load_level')!;
    const child = spans.find((s) => s.name === 'load_assets')!;
    const boss = spans.find((s) => s.name === 'spawn_boss')!;
    expect(root.traceId).toBe(session.spanIds.root.trace_id);
    expect(root.spanId).toBe(session.spanIds.root.span_id);
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(child.traceId).toBe(root.traceId);
    expect(child.parentSpanId).toBe(root.spanId);
    expect(boss.parentSpanId).toBe(root.spanId);
    expect(boss.status).toMatchObject({ code: 2, message: 'boss prefab missing' });
    expect(child.events?.map((e) => e.name)).toEqual(['asset_loaded']);
    expect(root.attributes).toEqual(expect.arrayContaining([{ key: 'level', value: { stringValue: 'caves' } }, { key: 'enemies', value: { intValue: '12' } }]));
  });
});
