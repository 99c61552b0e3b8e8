import { afterEach, describe, expect, it } from 'vitest';
import { Callable } from '../godot_double/variants';
import { engine } from '../godot_double/engine_state';
import { Node } from '../godot_double/node';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFrames, runFramesUntil } from './support/frames';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

describe('quit handling', () => {
  it('with handle_quit, closing the window flushes first and then quits', async () => {
    const s = (scene = await startAutoload({ handle_quit: true }));
    expect(s.tree.auto_accept_quit).toBe(false);
    s.gd('log_info', 'last words');
    s.tree.close_window();
    expect(s.tree.quitRequests).toEqual([]);
    await runFramesUntil(s.tree, () => s.tree.quitRequests.length > 0);
    expect(s.bodies(PATHS.logs).map(String).join('')).toContain('last words');
    expect(s.tree.quitRequests).toEqual([0]);
    expect(engine.warnings.filter((w) => w.includes('handle_quit'))).toEqual([]);
  });

  it('without handle_quit, leaves quitting to Godot', async () => {
    const s = (scene = await startAutoload());
    expect(s.tree.auto_accept_quit).toBe(true);
    s.tree.close_window();
    expect(s.tree.quitRequests).toEqual([0]);
    await runFrames(s.tree, 5);
    expect(s.tree.quitRequests).toEqual([0]);
  });

  it('flush_and_quit sends what is queued, quits once with the exit code, and ignores a second call', async () => {
    const s = (scene = await startAutoload());
    s.gd('increment', 'player_deaths');
    s.gd('flush_and_quit', 1500, 3);
    s.gd('flush_and_quit', 1500, 4);
    await runFramesUntil(s.tree, () => s.tree.quitRequests.length > 0);
    expect(s.bodies(PATHS.metrics)).toHaveLength(1);
    await runFrames(s.tree, 5);
    expect(s.tree.quitRequests).toEqual([3]);
  });

  it('flush_and_quit gives up on a receiver that does not answer once the timeout has passed', async () => {
    const s = (scene = await startAutoload());
    s.server.mode = { kind: 'hang' };
    s.gd('log_info', 'into the void');
    s.gd('flush_and_quit', 500);
    await runFramesUntil(s.tree, () => s.tree.quitRequests.length > 0, { advanceMsPerFrame: 50 });
    expect(s.tree.quitRequests).toEqual([0]);
  });

  it('flushes at once when a mobile OS pauses the app or the back button is pressed', async () => {
    const s = (scene = await startAutoload({ flush_interval_ms: 600_000 }));
    s.gd('log_info', 'going to background');
    s.tree.notify_os(Node.NOTIFICATION_APPLICATION_PAUSED);
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length === 1);
    s.gd('log_info', 'back pressed');
    s.tree.notify_os(Node.NOTIFICATION_WM_GO_BACK_REQUEST);
    await runFramesUntil(s.tree, () => s.bodies(PATHS.logs).length === 2);
  });

  it('shutdown calls a GDScript Callable when done', async () => {
    const s = (scene = await startAutoload());
    let done = 0;
    s.gd('log_info', 'bye');
    s.gd('shutdown', 1000, Callable.create(() => done++));
    await runFramesUntil(s.tree, () => done > 0);
    expect(s.bodies(PATHS.logs)).toHaveLength(1);
    expect(s.tree.quitRequests).toEqual([]);
  });

  it('warns about a handle_quit that is not a boolean and keeps Godot quitting', async () => {
    const s = (scene = await startAutoload({ handle_quit: 'yes' }));
    expect(s.tree.auto_accept_quit).toBe(true);
    expect(engine.warnings).toContain('[GameTracker] init: handle_quit must be true or false; ignored');
  });
});
