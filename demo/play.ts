/**
 * Plays N simulated game clients for a while, each with its own tracker (its own session, queues and
 * connections, as separate game installs would have), then shuts them down so the last events go out.
 */
import type { Tracker, TrackerStats } from '../addons/game_tracker/core/api';
import type { EngineMonitors } from '../addons/game_tracker/core/health/auto_metrics';
import type { WarningSink } from '../addons/game_tracker/core/ports';
import { createTracker } from '../addons/game_tracker/core/tracker';
import { createNodePorts } from '../node/node_ports';
import { shutdownAndWait } from '../node/tick_loop';
import { GameSession } from './game_session';
import { Rng } from './rng';

const FRAME_MS = 16;
const SHUTDOWN_TIMEOUT_MS = 5000;

export interface PlayOptions {
  readonly endpoint: string;
  readonly clients: number;
  readonly durationSec: number;
  readonly seed: number;
  /** Called about once a second with every client's stats. */
  readonly onProgress?: (elapsedSec: number, stats: TrackerStats[]) => void;
  /** The tracker's own warnings (send failures and the like). */
  readonly onWarning?: (message: string) => void;
  /** More `init` options, e.g. a per-signal URL. */
  readonly trackerOptions?: Readonly<Record<string, unknown>>;
}

/** What Godot's Performance monitors would read on a simulated client (frame health samples them every 5 s). */
function simulatedMonitors(rng: Rng): EngineMonitors {
  return { fps: Math.round(rng.between(55, 61)), memory_static_bytes: Math.round(rng.between(60, 80) * 2 ** 20), draw_calls: Math.round(rng.between(80, 160)), objects: Math.round(rng.between(1200, 1800)) };
}

/**
 * Simulated client number `index` of a run seeded with `seed`: its own tracker (Node ports, simulated
 * engine monitors), initialised with `init`, and its game session, not started yet.
 */
export function demoClient(seed: number, index: number, warn: WarningSink, init: Readonly<Record<string, unknown>>, playerId = `p${1000 + index}`): { tracker: Tracker; session: GameSession } {
  // The monitors draw from their own sequence: the session's stays what the seed always gave.
  const monitorRng = new Rng(seed * 7919 + index + 104_729);
  const tracker = createTracker({ ...createNodePorts(warn), monitors: () => simulatedMonitors(monitorRng) }, { os_name: 'Linux', godot_version: '4.6.1 (simulated)', js_engine: `node ${process.version}` });
  tracker.init(init);
  return { tracker, session: new GameSession(tracker, new Rng(seed * 7919 + index), playerId) };
}

export async function play(options: PlayOptions): Promise<TrackerStats[]> {
  const warn = options.onWarning ?? (() => {});
  const clients = Array.from({ length: options.clients }, (_, i) =>
    demoClient(options.seed, i, warn, { endpoint: options.endpoint, game: 'demo_game', version: '1.0.0', environment: 'demo', flush_interval_ms: 2000, auto_capture: true, ...options.trackerOptions }),
  );
  for (const client of clients) client.session.start();

  const startedMs = Date.now();
  let lastProgressMs = startedMs;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (const { tracker, session } of clients) {
        session.frame(FRAME_MS);
        tracker.tick();
      }
      const now = Date.now();
      if (now - lastProgressMs >= 1000) {
        lastProgressMs = now;
        options.onProgress?.((now - startedMs) / 1000, clients.map((c) => c.tracker.stats()));
      }
      if (now - startedMs >= options.durationSec * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, FRAME_MS);
  });
  await Promise.all(clients.map((c) => shutdownAndWait(c.tracker, SHUTDOWN_TIMEOUT_MS)));
  return clients.map((c) => c.tracker.stats());
}
