import GameTrackerNode from '../../../addons/game_tracker/game_tracker';
import { startFaultServer } from '../../fault_servers/fault_server';
import type { FaultServer } from '../../fault_servers/fault_server';
import { callFromGDScript, fromGDScript } from '../../godot_double/gdscript';
import type { SceneTree } from '../../godot_double/node';
import { asDoubleNode, freshScene } from './scene';

export interface AutoloadScene {
  tree: SceneTree;
  tracker: GameTrackerNode;
  server: FaultServer;
  /** `GameTracker.<method>(...)` from GDScript. */
  gd(method: string, ...args: unknown[]): unknown;
  /** Bodies the receiver accepted on a path. */
  bodies(path: string): Buffer[];
}

export const PATHS = { logs: '/loki/api/v1/push', metrics: '/api/v1/push', traces: '/v1/traces' } as const;

/**
 * The autoload as Godot runs it: added under the root (so _enter_tree and _ready run), then
 * `GameTracker.init({...})` from GDScript pointing at a loopback receiver.
 */
export async function startAutoload(options: Record<string, unknown> = {}): Promise<AutoloadScene> {
  const { tree } = freshScene();
  const server = await startFaultServer({ kind: 'status', status: 204 });
  const tracker = new GameTrackerNode();
  tracker.set_name('GameTracker');
  tree.root.add_child(asDoubleNode(tracker));
  const gd = (method: string, ...args: unknown[]): unknown => callFromGDScript(tracker, method, ...args);
  gd('init', fromGDScript({ endpoint: server.baseUrl, game: 'addon_test', version: '1.2.3', environment: 'test', ...options }));
  const bodies = (path: string): Buffer[] => server.accepted.filter((a) => a.path === path).map((a) => a.body);
  return { tree, tracker, server, gd, bodies };
}
