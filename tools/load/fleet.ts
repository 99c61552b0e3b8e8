/**
 * Many game clients over time, each the demo's client (demo/game_session.ts) on its own tracker, as
 * separate game installs would be: sessions start until `concurrent` are playing, each plays for a
 * random length around `meanSessionSec`, then quits cleanly or crashes, and new ones take its place
 * until `sessions` have played or `durationSec` is over.
 *
 * Time is compressed in one honest way only: a simulated frame lasts 1000/fps ms of real time (10 fps
 * by default instead of 60), so a Node process can run thousands of clients. Pushes still happen
 * every flush interval of real time; what a session sends per minute is measured, not assumed.
 * A crash is a session that stops right after its last requests arrived (the tally can then be exact).
 */
import type { Tracker, TrackerStats } from '../../addons/game_tracker/core/api';
import type { Protocol } from '../../addons/game_tracker/core/config';
import { DROP_REASONS, SIGNALS } from '../../addons/game_tracker/core/types';
import type { Signal } from '../../addons/game_tracker/core/types';
import type { GameSession } from '../../demo/game_session';
import { demoClient } from '../../demo/play';
import { Rng } from '../../demo/rng';
import { shutdownAndWait, startTickLoop } from '../../node/tick_loop';
import type { Tally } from './tally';

export const LOAD_GAME = 'load_game';
export const LOAD_ENV = 'load';
export const LOAD_VERSIONS = ['1.0.0', '1.1.0'] as const;
const SHUTDOWN_TIMEOUT_MS = 10_000;
const CRASH_FLUSH_WAIT_MS = 10_000;

/** How many sessions play, how long and how (the command-line options of `npm run load`). */
export interface FleetPlan {
  readonly sessions: number;
  readonly concurrent: number;
  readonly meanSessionSec: number;
  readonly durationSec: number;
  readonly fps: number;
  /** Share of sessions that crash instead of quitting (0..1). */
  readonly crashShare: number;
  readonly seed: number;
}

export interface FleetOptions extends FleetPlan {
  readonly endpoint: string;
  readonly protocol: Protocol;
  readonly tally: Tally;
  readonly onWarning: (message: string) => void;
  /** About once a second: sessions playing now and started so far. */
  readonly onProgress?: (playing: number, started: number, elapsedSec: number) => void;
}

export interface FleetReport {
  readonly started: number;
  readonly endedCleanly: number;
  readonly crashed: number;
  readonly peakConcurrent: number;
  /** Sum over sessions of the time each played (for per-session-minute figures). */
  readonly sessionMinutes: number;
  readonly elapsedSec: number;
  /** Items produced, sent and dropped, summed over every client. */
  readonly items: Readonly<Record<Signal, { produced: number; sent: number; dropped: number; droppedBy: Readonly<Record<string, number>> }>>;
}

interface Client {
  readonly tracker: Tracker;
  readonly game: GameSession;
  readonly version: string;
  readonly startedMs: number;
  readonly endsAtMs: number;
  readonly crashes: boolean;
}

export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const rng = new Rng(options.seed);
  const frameMs = 1000 / options.fps;
  const startMs = Date.now();
  const deadlineMs = startMs + options.durationSec * 1000;
  const playing = new Set<Client>();
  const endings: Promise<void>[] = [];
  const finalStats: TrackerStats[] = [];
  let started = 0;
  let endedCleanly = 0;
  let crashed = 0;
  let peakConcurrent = 0;
  let sessionMs = 0;

  const start = (nowMs: number): void => {
    const index = started++;
    const version = LOAD_VERSIONS[index % LOAD_VERSIONS.length]!;
    const { tracker, session: game } = demoClient(options.seed, index, options.onWarning, { endpoint: options.endpoint, protocol: options.protocol, game: LOAD_GAME, environment: LOAD_ENV, version, auto_capture: true }, `p${100_000 + index}`);
    const common = { game: LOAD_GAME, env: LOAD_ENV, version };
    options.tally.countCallsOf(tracker, common);
    options.tally.add('game_session_started_total', common, 1);
    // Session lengths spread from a fifth to three times the mean (exponential, clamped).
    const lengthSec = Math.min(3, Math.max(0.2, -Math.log(1 - rng.between(0, 0.999)))) * options.meanSessionSec;
    game.start();
    playing.add({ tracker, game, version, startedMs: nowMs, endsAtMs: nowMs + lengthSec * 1000, crashes: rng.chance(options.crashShare) });
    peakConcurrent = Math.max(peakConcurrent, playing.size);
  };

  const end = (client: Client, nowMs: number, quitting: boolean): void => {
    playing.delete(client);
    sessionMs += nowMs - client.startedMs;
    const common = { game: LOAD_GAME, env: LOAD_ENV, version: client.version };
    if (client.crashes && !quitting) {
      crashed++;
      endings.push(crashAfterLastPush(client.tracker).then((stats) => void finalStats.push(stats)));
      return;
    }
    endedCleanly++;
    options.tally.add('game_session_ended_total', common, 1);
    endings.push(shutdownAndWait(client.tracker, SHUTDOWN_TIMEOUT_MS).then(() => void finalStats.push(client.tracker.stats())));
  };

  let lastProgressMs = startMs;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const nowMs = Date.now();
      for (const client of playing) {
        if (nowMs >= client.endsAtMs || nowMs >= deadlineMs) end(client, nowMs, nowMs >= deadlineMs);
        else {
          client.game.frame(frameMs);
          client.tracker.tick();
        }
      }
      while (nowMs < deadlineMs && playing.size < options.concurrent && started < options.sessions) start(nowMs);
      if (nowMs - lastProgressMs >= 1000) {
        lastProgressMs = nowMs;
        options.onProgress?.(playing.size, started, (nowMs - startMs) / 1000);
      }
      if (playing.size === 0 && (nowMs >= deadlineMs || started >= options.sessions)) {
        clearInterval(timer);
        resolve();
      }
    }, frameMs);
  });
  await Promise.all(endings);
  return { started, endedCleanly, crashed, peakConcurrent, sessionMinutes: sessionMs / 60_000, elapsedSec: (Date.now() - startMs) / 1000, items: sumItems(finalStats) };
}

/** Sends what is pending, then goes silent: a crash right after its last requests, whose contents all arrived. */
async function crashAfterLastPush(tracker: Tracker): Promise<TrackerStats> {
  const stopTicking = startTickLoop(tracker);
  tracker.flush();
  const untilMs = Date.now() + CRASH_FLUSH_WAIT_MS;
  const pending = (): number => SIGNALS.reduce((sum, signal) => sum + tracker.stats()[signal].pending, 0);
  while (Date.now() < untilMs && pending() > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  stopTicking();
  return tracker.stats();
}

function sumItems(all: readonly TrackerStats[]): FleetReport['items'] {
  const total = (signal: Signal) => ({
    produced: all.reduce((sum, stats) => sum + stats[signal].produced, 0),
    sent: all.reduce((sum, stats) => sum + stats[signal].sent, 0),
    dropped: all.reduce((sum, stats) => sum + Object.values(stats[signal].dropped).reduce((a, b) => a + b, 0), 0),
    droppedBy: Object.fromEntries(DROP_REASONS.map((reason) => [reason, all.reduce((sum, stats) => sum + stats[signal].dropped[reason], 0)]).filter(([, count]) => count !== 0)),
  });
  return Object.fromEntries(SIGNALS.map((signal) => [signal, total(signal)])) as FleetReport['items'];
}
