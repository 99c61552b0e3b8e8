import { afterEach, describe, expect, it } from 'vitest';
import type { Tracker, TrackerStats } from '../../addons/game_tracker/core/api';
import type GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import type { GDictionary } from '../godot_double/containers';
import { advanceTime, engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { nativeCalls } from '../godot_double/native_calls';
import { Node } from '../godot_double/node';
import { Vector2 } from '../godot_double/variants';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFramesUntil } from './support/frames';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

const lines = (s: AutoloadScene) => checkLokiPushJson(s.bodies(PATHS.logs).map(String).join('')).flatMap((stream) => stream.values);
const spans = (s: AutoloadScene) =>
  s.bodies(PATHS.traces).flatMap((body) => decodeOtlpTracesJson(String(body)).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((sc) => sc.spans)));
const sent = (s: AutoloadScene, signal: 'logs' | 'metrics' | 'traces') => ((s.gd('stats') as GDictionary).get(signal) as GDictionary).get('sent');

/** The core's own counters, read without handing the recorded calls over first (as stats() would). */
function coreStats(s: AutoloadScene): TrackerStats {
  const host = (s.tracker as unknown as { host: { tracker: Tracker | null } }).host;
  if (host.tracker === null) throw new Error('no core yet');
  return host.tracker.stats();
}

/** Native calls (boundary crossings, GDScript's call included) that one call from GDScript makes. */
function crossings(call: () => void): number {
  const before = nativeCalls.count;
  call();
  return nativeCalls.count - before;
}

describe('the per-call path: recorded at the call, handed to the core at the end of the frame', () => {
  it('sends what a Dictionary held at the call, however the game changes it afterwards', async () => {
    const s = (scene = await startAutoload());
    const data = fromGDScript({ player_id: '123', nested: { hp: 85 } });
    const labels = fromGDScript({ level: 'forest' });
    const attrs = fromGDScript({ level: 'forest' });
    const tsData: Record<string, unknown> = { from: 'ts' };
    s.gd('log_info', 'Player joined', data);
    s.tracker.log_info('ts caller', tsData);
    s.gd('increment', 'enemies_killed', labels);
    const span = s.gd('start_span', 'level_load', attrs) as GameTrackerSpan;
    callFromGDScript(span, 'end');
    // The game reuses its Dictionaries in the same frame, before the core takes the calls in.
    data.set('player_id', 'changed');
    (data.get('nested') as GDictionary).set('hp', 0);
    labels.set('level', 'cave');
    attrs.set('level', 'cave');
    tsData['from'] = 'changed';
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0 && s.bodies(PATHS.metrics).length > 0 && s.bodies(PATHS.traces).length > 0);

    const [joined, ts] = ['Player joined', 'ts caller'].map((msg) => JSON.parse(lines(s).find((e) => e.line.includes(msg))?.line ?? '{}') as { data: unknown });
    expect(joined?.data).toEqual({ player_id: '123', nested: { hp: 85 } });
    expect(ts?.data).toEqual({ from: 'ts' });
    const series = decodeRemoteWrite(new Uint8Array(s.bodies(PATHS.metrics)[0] ?? [])).timeseries;
    const killed = series.find((t) => t.labels.some((l) => l.value === 'enemies_killed_total'));
    expect(killed?.labels.find((l) => l.name === 'level')?.value).toBe('forest');
    expect(spans(s)[0]?.attributes.find((a) => a.key === 'level')?.value).toEqual({ stringValue: 'forest' });
    expect(engine.scriptErrors).toEqual([]);
  });

  it('keeps the order of calls: context set after a line does not reach it', async () => {
    const s = (scene = await startAutoload());
    s.gd('log_info', 'before user');
    s.gd('set_user', fromGDScript({ id: 'player-7' }));
    s.gd('log_info', 'after user');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    const userOf = (msg: string) => lines(s).find((e) => e.line.includes(msg))?.metadata?.['user_id'];
    expect(userOf('before user')).toBeUndefined();
    expect(userOf('after user')).toBe('player-7');
  });

  it('stamps lines and spans with the time of the call, not of the moment the core takes them in', async () => {
    const s = (scene = await startAutoload());
    s.gd('log_info', 'first');
    advanceTime(3000);
    s.gd('log_info', 'second');
    const span = s.gd('start_span', 'timed') as GameTrackerSpan;
    advanceTime(250);
    callFromGDScript(span, 'end');
    advanceTime(2000);
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0 && s.bodies(PATHS.traces).length > 0);
    const at = (msg: string) => BigInt(lines(s).find((e) => e.line.includes(msg))?.timestampNs ?? '0');
    expect(Number(at('second') - at('first')) / 1e6).toBeCloseTo(3000, -2);
    const timed = spans(s).find((sp) => sp.name === 'timed');
    expect(Number(BigInt(timed?.endTimeUnixNano ?? '0') - BigInt(timed?.startTimeUnixNano ?? '0')) / 1e6).toBeCloseTo(250, -2);
  });

  it('links a line to a span, and a child to its parent, before either reached the core', async () => {
    const s = (scene = await startAutoload());
    const load = s.gd('start_span', 'level.load') as GameTrackerSpan;
    const child = s.gd('start_span', 'level.textures', fromGDScript({}), load) as GameTrackerSpan;
    s.gd('log_warn', 'slow', fromGDScript({ span: child }));
    callFromGDScript(child, 'end');
    callFromGDScript(load, 'end');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0 && s.bodies(PATHS.traces).length > 0);
    const [parentSpan, childSpan] = ['level.load', 'level.textures'].map((name) => spans(s).find((sp) => sp.name === name));
    expect(childSpan?.parentSpanId).toBe(parentSpan?.spanId);
    expect(lines(s).find((e) => e.line.includes('slow'))?.metadata?.['span_id']).toBe(childSpan?.spanId);
    expect(callFromGDScript(child, 'span_id')).toBe(childSpan?.spanId);
  });

  it('describes a node passed in the data by its name, even when the game frees it at the end of the frame', async () => {
    const s = (scene = await startAutoload());
    const enemy = new Node();
    enemy.set_name('Enemy');
    s.tree.root.add_child(enemy);
    s.gd('log_info', 'enemy died', fromGDScript({ who: enemy }));
    enemy.queue_free();
    s.tree.step();
    expect(enemy.is_freed()).toBe(true);
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    const died = JSON.parse(lines(s).find((e) => e.line.includes('enemy died'))?.line ?? '{}') as { data: { who: string } };
    expect(died.data.who).toBe(`Enemy:<Node#${enemy.get_instance_id()}>`);
  });

  it('an argument that cannot be read at the call is sent as a marker, with one warning, and the call never throws', async () => {
    const s = (scene = await startAutoload());
    const { proxy, revoke } = Proxy.revocable({ hp: 1 }, {});
    revoke();
    // A revoked proxy throws on every operation, even `instanceof`: the capture at the call fails.
    expect(() => s.tracker.log_info('unreadable data', proxy)).not.toThrow();
    s.gd('log_info', 'next line');
    s.gd('flush');
    await runFramesUntil(s.tree, () => sent(s, 'logs') === 2);
    const unreadable = lines(s).find((e) => e.line.includes('unreadable data'));
    expect(unreadable?.line).toContain('[unreadable]');
    expect(engine.warnings.filter((w) => w.includes('log_info failed'))).toHaveLength(1);
    expect(engine.scriptErrors).toEqual([]);
  });

  it("a burst (issue #12's loop: 20,000 calls in one frame) costs its calls only their recording; the frames after hand it over", async () => {
    const s = (scene = await startAutoload({ queue_limit: 30_000, batch_size: 1000, log_repeat_limit: 0 }));
    s.gd('log_debug', 'warm up: the hand-over Callable exists');
    s.tree.step();
    const data = fromGDScript({ player_id: '123' });
    const before = nativeCalls.count;
    for (let i = 0; i < 20_000; i++) s.gd('log_debug', 'burst', data);
    // GDScript's call, Godot's copy of the Dictionary and a clock read per call, and one call_deferred:
    // nothing was handed over (read back, 4 crossings a call) inside the loop.
    expect(nativeCalls.count - before).toBe(3 * 20_000 + 1);
    expect(coreStats(s).logs.produced).toBe(1);
    // The frame's end hands over at least enough to leave no more than 512 calls for later frames.
    s.tree.step();
    const afterFrame = coreStats(s).logs.produced - 1;
    expect(afterFrame).toBeGreaterThanOrEqual(20_000 - 512);
    expect(afterFrame).toBeLessThan(20_000);
    await runFramesUntil(s.tree, () => coreStats(s).logs.produced === 20_001);
    s.gd('flush');
    await runFramesUntil(s.tree, () => sent(s, 'logs') === 20_001, { timeoutMs: 20_000 });
    expect(engine.warnings).toEqual([]);
  });

  it('loses nothing in a burst larger than the queue (32,768 calls): the call that finds it full hands it over', async () => {
    const s = (scene = await startAutoload({ queue_limit: 40_000, batch_size: 5000, log_repeat_limit: 0 }));
    for (let i = 0; i < 33_000; i++) s.gd('increment', 'burst');
    expect(coreStats(s).metrics.produced).toBeGreaterThanOrEqual(32_768);
    expect((((s.gd('stats') as GDictionary).get('metrics') as GDictionary).get('produced'))).toBe(33_000);
    expect(engine.warnings).toEqual([]);
  });

  it('crosses into the engine a fixed, small number of times per call (the count the benchmark reports)', async () => {
    const s = (scene = await startAutoload());
    const [data, labels, attrs] = [{ player_id: '123' }, { level: 'forest' }, { level: 'forest' }].map((d) => fromGDScript(d));
    s.gd('log_info', 'the first call ever also makes the Callable for the hand-over');
    s.tree.step();
    // The first call of a frame also queues the end-of-frame hand-over (call_deferred).
    expect(crossings(() => s.gd('log_info', 'Player joined', data))).toBe(4);
    // Then: GDScript's call, Godot's copy of the Dictionary, and (for a log line) one clock read.
    expect(crossings(() => s.gd('log_info', 'Player joined', data))).toBe(3);
    expect(crossings(() => s.gd('increment', 'enemies_killed', labels))).toBe(2);
    expect(crossings(() => s.gd('gauge', 'player_health', 85, data))).toBe(2);
    // Two calls from GDScript, the span object, the copy, two clock reads, and at end() Godot's
    // reference count (span_pool.ts). A span object GDScript is done with is reused: no new object.
    expect(
      crossings(() => {
        const span = s.gd('start_span', 'level_load', attrs) as GameTrackerSpan;
        callFromGDScript(span, 'end');
      }),
    ).toBe(7);
  });

  it('sends what GDScript values turn into: vectors as Godot prints them, ints past 2^53 exactly, a span in the data as a link', async () => {
    const s = (scene = await startAutoload());
    const load = s.gd('start_span', 'level.load') as GameTrackerSpan;
    s.gd('log_info', 'vector', fromGDScript({ pos: new Vector2(4, 5) }));
    s.gd('log_info', 'steam id', fromGDScript({ id: 76561198012345678n }));
    s.gd('log_info', 'linked', fromGDScript({ span: load }));
    s.gd('log_info', 'control', fromGDScript({ text: 'tab\tvt\vbell\u0007' }));
    s.gd('log_info', 'plain', fromGDScript({ text: '(not a vector)' }));
    callFromGDScript(load, 'end');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    const data = (msg: string) => (JSON.parse(lines(s).find((e) => e.line.includes(`"msg":"${msg}"`))?.line ?? '{}') as { data: unknown }).data;
    expect(data('vector')).toEqual({ pos: '(4, 5)' });
    expect(data('steam id')).toEqual({ id: '76561198012345678' });
    expect(data('control')).toEqual({ text: 'tab\tvt\vbell\u0007' });
    expect(data('plain')).toEqual({ text: '(not a vector)' });
    const linked = lines(s).find((e) => e.line.includes('"msg":"linked"'));
    expect(linked?.metadata?.['trace_id']).toBe(callFromGDScript(load, 'trace_id'));
    expect(engine.scriptErrors).toEqual([]);
  });
});
