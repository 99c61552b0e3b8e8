import { afterEach, describe, expect, it } from 'vitest';
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import LevelManager from '../../scripts/level_manager';
import { DEFAULT_DURATION_S, MAX_DURATION_S, parseSessionArgs } from '../../scripts/session_args';
import SessionDirector from '../../scripts/session_director';
import { startFaultServer } from '../fault_servers/fault_server';
import type { FaultServer } from '../fault_servers/fault_server';
import { engine } from '../godot_double/engine_state';
import { Node } from '../godot_double/node';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';
import { PATHS } from './support/autoload';
import { runFramesUntil } from './support/frames';
import { asDoubleNode, freshScene } from './support/scene';

describe('parseSessionArgs', () => {
  it('reads --endpoint and --duration', () => {
    expect(parseSessionArgs(['--endpoint=http://127.0.0.1:4400/x?a=b', '--duration=2.5'])).toEqual({ endpoint: 'http://127.0.0.1:4400/x?a=b', durationS: 2.5 });
  });

  it('falls back to the default duration for missing or bad values and caps long ones', () => {
    expect(parseSessionArgs([])).toEqual({ durationS: DEFAULT_DURATION_S });
    expect(parseSessionArgs(['--duration=soon', '--endpoint='])).toEqual({ durationS: DEFAULT_DURATION_S });
    expect(parseSessionArgs(['--duration=-1']).durationS).toBe(DEFAULT_DURATION_S);
    expect(parseSessionArgs(['--duration=1e9']).durationS).toBe(MAX_DURATION_S);
  });
});

let server: FaultServer | undefined;
afterEach(() => server?.stop());

/**
 * The TypeScript half of scripts/main.tscn (director + level manager) under the autoload; the
 * GDScript player and shop cannot run in Node, so a plain Node stands in for each.
 */
describe('the demo session (TypeScript scripts)', () => {
  it('plays turns for --duration seconds, then flushes and quits by itself', async () => {
    const { tree } = freshScene();
    server = await startFaultServer({ kind: 'status', status: 204 });
    engine.cmdlineUserArgs = [`--endpoint=${server.baseUrl}`, '--duration=2'];
    const tracker = new GameTrackerNode();
    tracker.set_name('GameTracker');
    tree.root.add_child(asDoubleNode(tracker));
    const main = new SessionDirector();
    const levels = new LevelManager();
    levels.set_name('LevelManager');
    asDoubleNode(main).add_child(asDoubleNode(levels));
    asDoubleNode(main).add_child(new Node());
    tree.root.add_child(asDoubleNode(main));

    await runFramesUntil(tree, () => tree.quitRequests.length > 0, { timeoutMs: 10_000, advanceMsPerFrame: 1000 / 60 });
    expect(tree.quitRequests).toEqual([0]);
    expect(engine.scriptErrors).toEqual([]);

    const bodies = (path: string) => server?.accepted.filter((a) => a.path === path).map((a) => a.body) ?? [];
    const lines = bodies(PATHS.logs).flatMap((b) => checkLokiPushJson(String(b)).flatMap((s) => s.values.map((v) => JSON.parse(v.line) as { msg: string })));
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['session started', 'level loaded', 'session over']));

    const names = new Set(bodies(PATHS.metrics).flatMap((b) => decodeRemoteWrite(new Uint8Array(b)).timeseries.map((t) => t.labels.find((l) => l.name === '__name__')?.value)));
    for (const name of ['player_joined_total', 'players_online', 'frame_time_ms_count', 'level_loads_total', 'level_load_time_ms_count']) expect(names).toContain(name);

    const spans = bodies(PATHS.traces).flatMap((b) => decodeOtlpTracesJson(String(b)).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const load = spans.find((s) => s.name === 'level.load');
    const stages = spans.filter((s) => s.parentSpanId === load?.spanId).map((s) => s.name);
    expect(stages).toEqual(['level.load_assets', 'level.build_navmesh', 'level.spawn_entities']);
  });
});
