/**
 * Auto capture through the autoload and the Godot double (issue #19): `_process` deltas feed frame
 * health and the session's length, Godot's Performance monitors are sampled, a clean quit ends the
 * session in the last push, and a session killed without `_exit_tree` never says it ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Node } from '../godot_double/node';
import { decodeRemoteWrite } from '../support/oracles';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFramesUntil } from './support/frames';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

/** name → value of every series in the last metrics push that reached the receiver. */
function lastPush(s: AutoloadScene): Map<string, number> {
  const out = new Map<string, number>();
  const body = s.bodies(PATHS.metrics).filter((b) => b.length > 0).at(-1);
  if (body === undefined) return out;
  for (const series of decodeRemoteWrite(new Uint8Array(body)).timeseries) {
    const name = series.labels.find((l) => l.name === '__name__')?.value ?? '';
    const le = series.labels.find((l) => l.name === 'le')?.value;
    out.set(le === undefined ? name : `${name}{le="${le}"}`, series.samples.at(-1)?.value ?? NaN);
  }
  return out;
}

describe('auto capture through the autoload', () => {
  it('frames and the Performance monitors reach the receiver; the app coming back from the background is not session time', async () => {
    const s = (scene = await startAutoload({ auto_capture: true, flush_interval_ms: 100 }));
    for (let i = 0; i < 30; i++) s.tree.step(1 / 60);
    s.tree.notify_os(Node.NOTIFICATION_APPLICATION_RESUMED);
    s.tree.step(120);
    for (let i = 0; i < 30; i++) s.tree.step(1 / 60);
    s.gd('flush');
    await runFramesUntil(s.tree, () => (lastPush(s).get('game_frame_time_ms_count') ?? 0) >= 60, { advanceMsPerFrame: 20 });
    const push = lastPush(s);
    expect(push.get('game_session_active')).toBe(1);
    expect(push.get('game_frame_hitches_total')).toBe(0);
    expect(push.get('game_fps')).toBe(60);
    expect(push.get('game_draw_calls')).toBe(120);
    expect(push.get('game_session_duration_seconds')).toBeLessThan(60);
    expect(push.get('gametracker_items_produced_total')).toBeDefined();
  });
});
