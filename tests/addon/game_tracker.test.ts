import { afterEach, describe, expect, it } from 'vitest';
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { GDictionary } from '../godot_double/containers';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { Color, Vector2 } from '../godot_double/variants';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFramesUntil } from './support/frames';
import { asDoubleNode, freshScene } from './support/scene';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

const everySignalArrived = (s: AutoloadScene) => () => Object.values(PATHS).every((path) => s.bodies(path).length > 0);

describe('GameTracker autoload, driven like a GDScript game', () => {
  it('ships GDScript-shaped logs, metrics and spans; independent decoders accept them', async () => {
    const s = (scene = await startAutoload());
    s.gd('log_info', 'Player joined', fromGDScript({ player_id: 123, pos: new Vector2(4, 5), big: 2n ** 60n }));
    s.gd('increment', 'player_deaths', fromGDScript({ cause: 'lava' }));
    s.gd('increment', 'player_deaths', fromGDScript({ cause: 'lava' }), 2n);
    s.gd('gauge', 'players_online', 3);
    s.gd('histogram', 'level_load_time_ms', 250.5, fromGDScript({ level: 'cave' }));
    const load = s.gd('start_span', 'level.load', fromGDScript({ level: 'cave' })) as GameTrackerSpan;
    const textures = s.gd('start_span', 'level.load_textures', new GDictionary(), load) as GameTrackerSpan;
    callFromGDScript(textures, 'set_attribute', 'tint', new Color(1, 0, 0, 1));
    callFromGDScript(textures, 'add_event', 'cache_miss', fromGDScript({ count: 2 }));
    callFromGDScript(textures, 'end');
    s.gd('log_warn', 'slow load', fromGDScript({ span: load }));
    callFromGDScript(load, 'end');
    s.gd('flush');
    await runFramesUntil(s.tree, everySignalArrived(s));

    const streams = checkLokiPushJson(s.bodies(PATHS.logs).map(String).join(''));
    const entries = streams.flatMap((stream) => stream.values);
    const joined = entries.find((e) => e.line.includes('Player joined'));
    expect(JSON.parse(joined?.line ?? '{}')).toMatchObject({ msg: 'Player joined', data: { player_id: 123, pos: '(4, 5)', big: '1152921504606846976' } });
    const slow = entries.find((e) => e.line.includes('slow load'));
    expect(slow?.metadata?.['trace_id']).toBe(callFromGDScript(load, 'trace_id'));

    const series = decodeRemoteWrite(new Uint8Array(s.bodies(PATHS.metrics)[0] ?? [])).timeseries;
    const value = (name: string) => series.find((t) => t.labels.some((l) => l.name === '__name__' && l.value === name))?.samples[0]?.value;
    expect(value('player_deaths_total')).toBe(3);
    expect(value('players_online')).toBe(3);
    expect(value('level_load_time_ms_count')).toBe(1);

    const spans = decodeOtlpTracesJson(String(s.bodies(PATHS.traces)[0])).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((sc) => sc.spans));
    const parent = spans.find((sp) => sp.name === 'level.load');
    const child = spans.find((sp) => sp.name === 'level.load_textures');
    expect(parent?.spanId).toBe(callFromGDScript(load, 'span_id'));
    expect(child?.parentSpanId).toBe(parent?.spanId);
    expect(child?.traceId).toBe(parent?.traceId);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('answers stats() with a Godot Dictionary whose counts add up', async () => {
    const s = (scene = await startAutoload());
    s.gd('log_info', 'one');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    await runFramesUntil(s.tree, () => ((s.gd('stats') as GDictionary).get('logs') as GDictionary).get('sent') === 1);
    const stats = s.gd('stats') as GDictionary;
    expect(stats).toBeInstanceOf(GDictionary);
    expect(typeof stats.get('session_id')).toBe('string');
    expect(((stats.get('logs') as GDictionary).get('dropped') as GDictionary).get('invalid')).toBe(0);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('never throws into GDScript, whatever it is given, and warns instead', async () => {
    const s = (scene = await startAutoload());
    const odd = [null, new Vector2(1, 2), fromGDScript([1, 2]), fromGDScript({ a: { b: { c: {} } } }), 2n ** 70n, '', -1];
    const methods = ['log_debug', 'log_error', 'increment', 'gauge', 'histogram', 'set_user', 'set_context', 'set_tag', 'start_span', 'shutdown'];
    for (const method of methods) for (const a of odd) for (const b of odd) s.gd(method, a, b);
    expect(engine.scriptErrors).toEqual([]);
    expect(engine.warnings.length).toBeGreaterThan(0);
    expect(engine.warnings.every((w) => w.startsWith('[GameTracker] ') && !w.startsWith('[GameTracker] [GameTracker]'))).toBe(true);
  });

  it('prints each of the core\'s warnings once prefixed, exactly as the core words it', async () => {
    const s = (scene = await startAutoload());
    s.gd('increment', 'coins', fromGDScript({}), -5);
    s.gd('stats'); // hands the recorded call to the core, as the end of the frame would
    expect(engine.warnings).toEqual(['[GameTracker] increment "coins" by a negative amount; dropped']);
  });

  it('hands GDScript a span object even when tracking is off, and spans ignore calls after end', async () => {
    const s = (scene = await startAutoload());
    const detached = new GameTrackerSpan();
    expect(callFromGDScript(detached, 'trace_id')).toBe('');
    callFromGDScript(detached, 'end');
    const span = s.gd('start_span', 'x') as GameTrackerSpan;
    expect(callFromGDScript(span, 'is_recording')).toBe(true);
    callFromGDScript(span, 'end');
    expect(callFromGDScript(span, 'is_recording')).toBe(false);
    callFromGDScript(span, 'end');
    expect(engine.scriptErrors).toEqual([]);
  });

  it('keeps sending while the game is paused', async () => {
    const s = (scene = await startAutoload());
    s.tree.paused = true;
    s.gd('log_info', 'while paused');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
  });

  it('sends on its own once the flush interval has passed', async () => {
    const s = (scene = await startAutoload({ flush_interval_ms: 1000 }));
    s.gd('log_info', 'batched');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0, { advanceMsPerFrame: 100 });
  });
});

describe('GameTracker autoload lifecycle', () => {
  it('does nothing when constructed (GodotJS builds default instances of script classes)', () => {
    freshScene();
    const node = new GameTrackerNode();
    expect(GameTrackerNode.instance).toBeNull();
    expect(asDoubleNode(node).get_children()).toEqual([]);
  });

  it('is GameTrackerNode.instance while in the tree', async () => {
    const s = (scene = await startAutoload());
    expect(GameTrackerNode.instance).toBe(s.tracker);
    s.tree.root.remove_child(asDoubleNode(s.tracker));
    expect(GameTrackerNode.instance).toBeNull();
  });

  it('keeps calls made before its _ready (e.g. from an earlier autoload)', async () => {
    const s = (scene = await startAutoload());
    const tree = s.tree;
    const early = new GameTrackerNode();
    callFromGDScript(early, 'init', fromGDScript({ endpoint: s.server.baseUrl }));
    callFromGDScript(early, 'log_info', 'before ready');
    tree.root.add_child(asDoubleNode(early));
    callFromGDScript(early, 'flush');
    await runFramesUntil(tree, () => s.bodies(PATHS.logs).some((b) => String(b).includes('before ready')));
  });

  it('stays inert in the editor', () => {
    const { tree } = freshScene();
    engine.editorHint = true;
    const node = new GameTrackerNode();
    tree.root.add_child(asDoubleNode(node));
    callFromGDScript(node, 'init', fromGDScript({ endpoint: 'http://127.0.0.1:9' }));
    callFromGDScript(node, 'log_info', 'x');
    expect(asDoubleNode(node).get_children()).toEqual([]);
    expect(GameTrackerNode.instance).toBeNull();
    expect(callFromGDScript(node, 'start_span', 'x')).toBeInstanceOf(GameTrackerSpan);
    expect(callFromGDScript(node, 'stats')).toBeInstanceOf(GDictionary);
    expect(engine.scriptErrors).toEqual([]);
  });
});
