/**
 * Consent, opt-out, identifying fields, the filter and the off switch (issue #20) through the autoload
 * and the Godot double, against a receiver on 127.0.0.1 that counts every request it gets: a test that
 * expects none fails on the first one, including the blocking send at quit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import type GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { OTLP_PATHS } from '../../addons/game_tracker/core/config';
import type { GDictionary } from '../godot_double/containers';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { Callable } from '../godot_double/variants';
import { checkLokiPushJson } from '../support/oracles';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFrames, runFramesUntil } from './support/frames';
import { asDoubleNode, freshScene } from './support/scene';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

const dict = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((at, key) => (at as GDictionary).get(key), value);

function playOneOfEach(s: AutoloadScene, tag: string): void {
  s.gd('log_info', `line ${tag}`, fromGDScript({ k: tag }));
  s.gd('increment', 'kills', fromGDScript({ weapon: 'sword' }));
  callFromGDScript(s.gd('start_span', `span ${tag}`) as GameTrackerSpan, 'end');
}

/** The game quits: the frame ends, the tree is torn down, the autoload's _exit_tree sends what it may. */
async function quit(s: AutoloadScene): Promise<void> {
  s.tree.quit();
  s.tree.step();
  expect(s.tree.double_ended).toBe(true);
  // Give a request that was sent at quit time to reach the in-process receiver.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('consent through the autoload', () => {
  it('require_consent and never granted: not one request, not even at quit; everything counted no_consent', async () => {
    const s = (scene = await startAutoload({ require_consent: true, flush_interval_ms: 100 }));
    for (let i = 0; i < 3; i++) playOneOfEach(s, String(i));
    s.gd('flush');
    await runFrames(s.tree, 30, { advanceMsPerFrame: 50 });
    expect(dict(s.gd('stats'), 'consent')).toBe('pending');
    const beforeQuit = s.gd('stats');
    await quit(s);
    expect(s.server.arrivals).toEqual([]);
    expect(dict(beforeQuit, 'logs', 'pending')).toBe(3);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('granted after events were recorded: all of them arrive, in order, with their times', async () => {
    const s = (scene = await startAutoload({ require_consent: true, flush_interval_ms: 100 }));
    for (let i = 0; i < 3; i++) {
      s.gd('log_info', `held ${i}`);
      await runFrames(s.tree, 3, { advanceMsPerFrame: 20 });
    }
    await runFrames(s.tree, 10, { advanceMsPerFrame: 50 });
    expect(s.server.arrivals).toEqual([]);
    s.gd('set_consent', true);
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    const entries = checkLokiPushJson(s.bodies(PATHS.logs).map(String).join('')).flatMap((stream) => stream.values);
    expect(entries.map((e) => (JSON.parse(e.line) as { msg: string }).msg)).toEqual(['held 0', 'held 1', 'held 2']);
    const times = entries.map((e) => BigInt(e.timestampNs));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(55_000_000n);
    expect(dict(s.gd('stats'), 'consent')).toBe('granted');
  });

  it('withdrawn mid-session: nothing more arrives, the queue is discarded and counted, a later grant gets a new session id', async () => {
    const s = (scene = await startAutoload({ flush_interval_ms: 100, batch_size: 100 }));
    s.gd('log_info', 'before');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    const firstSession = dict(s.gd('stats'), 'session_id');
    const arrivedBefore = s.server.arrivals.length;
    s.gd('log_info', 'queued when withdrawn');
    s.gd('set_consent', false);
    playOneOfEach(s, 'while denied');
    s.gd('flush');
    await runFrames(s.tree, 30, { advanceMsPerFrame: 50 });
    expect(s.server.arrivals.length).toBe(arrivedBefore);
    const denied = s.gd('stats');
    expect(dict(denied, 'consent')).toBe('denied');
    expect(dict(denied, 'logs', 'dropped', 'no_consent')).toBe(2);
    s.gd('set_consent', true);
    s.gd('log_info', 'after the new grant');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 1);
    const newSession = dict(s.gd('stats'), 'session_id');
    expect(newSession).not.toBe(firstSession);
    const last = checkLokiPushJson(String(s.bodies(PATHS.logs).at(-1))).flatMap((stream) => stream.values);
    expect(last.map((e) => e.metadata?.['session_id'])).toEqual([newSession]);
  });
});

describe('what identifies a player, through the autoload', () => {
  for (const protocol of ['native', 'otlp'] as const) {
    it(`device_context: false and user_id_only: absent on every signal (${protocol})`, async () => {
      const s = (scene = await startAutoload({ protocol, device_context: false, user_id_only: true, flush_interval_ms: 100 }));
      s.gd('set_user', fromGDScript({ id: 'player-7', name: 'Ada', email: 'ada@example.com' }));
      playOneOfEach(s, 'x');
      s.gd('flush');
      const paths = protocol === 'otlp' ? Object.values(OTLP_PATHS) : Object.values(PATHS);
      await runFramesUntil(s.tree, () => paths.every((path) => s.bodies(path).some((body) => body.length > 0)));
      for (const path of paths) {
        const body = s.bodies(path).map((b) => b.toString('latin1')).join('');
        for (const leak of ['Ada', 'ada@example.com', 'Double GPU', 'Linux', '1920x1080', 'en_US']) expect(body, `${leak} in ${path}`).not.toContain(leak);
      }
      expect(s.bodies(protocol === 'otlp' ? OTLP_PATHS.logs : PATHS.logs).map((b) => b.toString('latin1')).join('')).toContain('player-7');
    });
  }
});

describe('before_send from GDScript', () => {
  it('a Callable edits and drops events, and one that errors is switched off without breaking the game', async () => {
    const filter = Callable.create((event: GDictionary) => {
      if (event.get('signal') !== 'log') return event;
      if (event.get('message') === 'drop me') return null;
      event.set('message', 'edited');
      return event;
    });
    const s = (scene = await startAutoload({ before_send: filter, flush_interval_ms: 100 }));
    s.gd('log_info', 'original');
    s.gd('log_info', 'drop me');
    s.gd('flush');
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length > 0);
    const lines = checkLokiPushJson(s.bodies(PATHS.logs).map(String).join('')).flatMap((stream) => stream.values.map((v) => (JSON.parse(v.line) as { msg: string }).msg));
    expect(lines).toEqual(['edited']);
    expect(dict(s.gd('stats'), 'logs', 'dropped', 'filtered')).toBe(1);
    expect(engine.scriptErrors).toEqual([]);
  });
});

describe('enabled: false', () => {
  it('init({"enabled": false}) forgets what was recorded, sends nothing and answers every call', async () => {
    const s = (scene = await startAutoload({ enabled: false }));
    playOneOfEach(s, 'off');
    s.gd('set_user', 'p');
    s.gd('flush');
    await runFrames(s.tree, 20, { advanceMsPerFrame: 100 });
    expect((s.gd('stats') as GDictionary).get('enabled')).toBe(false);
    let done = false;
    s.gd('shutdown', 100, Callable.create(() => (done = true)));
    expect(done).toBe(true);
    await quit(s);
    expect(s.server.arrivals).toEqual([]);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('the project setting game_tracker/enabled = false switches it off before any call', () => {
    const { tree } = freshScene();
    engine.projectSettings.set('game_tracker/enabled', false);
    try {
      const tracker = new GameTrackerNode();
      tree.root.add_child(asDoubleNode(tracker));
      callFromGDScript(tracker, 'log_info', 'x');
      callFromGDScript(tracker, 'init', fromGDScript({ endpoint: 'http://127.0.0.1:9' }));
      expect((callFromGDScript(tracker, 'stats') as GDictionary).get('enabled')).toBe(false);
      const span = callFromGDScript(tracker, 'start_span', 'a');
      expect(callFromGDScript(tracker, 'start_span', 'b')).toBe(span);
    } finally {
      engine.projectSettings.clear();
    }
  });
});
