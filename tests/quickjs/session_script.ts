/**
 * A scripted game session that runs INSIDE QuickJS-NG (bundled by esbuild, evaluated by
 * quickjs_session.test.ts). It loads the addon's runtime bundle with `require`, implements the ports
 * with what the engine has (no TextEncoder, fetch, crypto, performance, Buffer), drives frames from
 * `setInterval` as GodotJS's timers would, and records every request body for the host to decode.
 * Bodies leave the engine as JSON: text as is, binary as an array of byte values.
 */
import type { Tracker } from '../../addons/game_tracker/core/api';
import type { HttpPort, HttpRequest, HttpResponse } from '../../addons/game_tracker/core/ports';
import type { createTracker as CreateTracker } from '../../addons/game_tracker/core/tracker';
import { SeededRandom } from '../fakes/seeded_random';

/** The engine's `require`; the runtime bundle is registered under this name (never bundled in here). */
declare const require: (name: 'game_tracker_core') => { createTracker: typeof CreateTracker };
declare const setInterval: (fn: () => void, ms: number) => number;
declare const clearInterval: (id: number) => void;

export interface RecordedRequest {
  channel: string;
  url: string;
  headers: Record<string, string>;
  text?: string;
  bytes?: number[];
}

export interface SessionResult {
  requests: RecordedRequest[];
  stats: ReturnType<Tracker['stats']>;
  warnings: string[];
  frames: number;
  done: boolean;
  spanIds: { root: { trace_id: string; span_id: string }; child: { trace_id: string; span_id: string } };
  globals: Record<string, string>;
}

const START_UNIX_MS = Date.UTC(2026, 10, 24, 12, 0, 0);
const FRAME_MS = 16;

class EngineClock {
  elapsedMs = 0;
  unixMs(): number {
    return START_UNIX_MS + this.elapsedMs;
  }
  monotonicMs(): number {
    return this.elapsedMs;
  }
}

/** Records each request and answers it on the next frame with 204 and a Date header, like HTTPRequest. */
class RecordingHttp implements HttpPort {
  readonly requests: RecordedRequest[] = [];
  private waiting: ((response: HttpResponse) => void)[] = [];

  constructor(private readonly clock: EngineClock) {}

  send(request: HttpRequest, done: (response: HttpResponse) => void): void {
    const body = request.body;
    const recorded: RecordedRequest = { channel: request.channel, url: request.url, headers: { ...request.headers } };
    if (typeof body === 'string') recorded.text = body;
    else recorded.bytes = Array.from(body);
    this.requests.push(recorded);
    this.waiting.push(done);
  }

  answer(): void {
    const waiting = this.waiting;
    this.waiting = [];
    const date = new Date(this.clock.unixMs()).toUTCString();
    for (const done of waiting) done({ status: 204, headers: { date } });
  }
}

const describe = (value: unknown): string => typeof value;

/** `options`: more `init` options, e.g. `{ protocol: 'otlp' }`. */
export function runSession(options: Record<string, unknown> = {}): { result(): SessionResult } {
  const globals: Record<string, string> = {};
  for (const name of ['TextEncoder', 'TextDecoder', 'fetch', 'crypto', 'performance', 'Buffer', 'process', 'structuredClone', 'queueMicrotask']) {
    globals[name] = describe((globalThis as Record<string, unknown>)[name]);
  }
  const { createTracker } = require('game_tracker_core');
  globals['TextDecoder after load'] = describe((globalThis as Record<string, unknown>)['TextDecoder']);
  const clock = new EngineClock();
  const http = new RecordingHttp(clock);
  const warnings: string[] = [];
  const tracker = createTracker({ clock, random: new SeededRandom(0x2545f491), http, warn: (m) => warnings.push(m) }, { os_name: 'Linux', godot_version: '4.6.3', js_engine: 'quickjs-ng' });
  tracker.init({ endpoint: 'http://127.0.0.1:4400', game: 'quickjs_game', version: '2.0.0', environment: 'ci', flush_interval_ms: 1000, batch_size: 50, ...options });
  tracker.set_user({ id: 'player-7', name: 'Ada' });
  tracker.set_tag('build', 'ci-42');
  tracker.set_context('level', { name: 'caves', seed: 99 });

  const root = tracker.start_span('load_level', { level: 'caves', enemies: 12 });
  const child = tracker.start_span('load_assets', { count: 3, cached: true }, root);
  child.add_event('asset_loaded', { path: 'res://orc.tscn', bytes: 2048 });
  child.end();
  const failing = tracker.start_span('spawn_boss', undefined, root);
  failing.set_error('boss prefab missing');
  failing.end();
  root.end();

  let frames = 0;
  let done = false;
  const interval = setInterval(() => {
    frames++;
    clock.elapsedMs += FRAME_MS;
    http.answer();
    if (frames <= 120) {
      // A distinct line per frame: the repeat throttle would rightly hold back an identical one.
      tracker.log_info(`wave ${frames} spawned`, { kind: frames % 2 === 0 ? 'orc' : 'goblin', wave: frames, note: 'ünïcödé ✓' });
      tracker.increment('enemies_spawned', { kind: frames % 2 === 0 ? 'orc' : 'goblin' });
      tracker.histogram('frame_ms', 8 + (frames % 20));
      tracker.gauge('enemies_alive', frames % 7);
    }
    if (frames === 30) tracker.log_warn('low health', { hp: 12, span: root });
    if (frames === 60) tracker.log_error('boss prefab missing', { path: 'res://boss.tscn' });
    if (frames === 130) tracker.shutdown(2000, () => (done = true));
    tracker.tick();
    if (done || frames > 400) clearInterval(interval);
  }, FRAME_MS);

  return {
    result: () => ({
      requests: http.requests,
      stats: tracker.stats(),
      warnings,
      frames,
      done,
      spanIds: { root: { trace_id: root.trace_id, span_id: root.span_id }, child: { trace_id: child.trace_id, span_id: child.span_id } },
      globals,
    }),
  };
}
