/**
 * Frame budget from GDScript: a game at 60 fps making N calls per second into the autoload in the
 * Godot double, then the frame's _process (the autoload takes the calls in and sends what is due; the
 * HTTP answer comes in a later frame). One sample per frame: the calls plus the step, in ms. The
 * same mix as frame_cases.ts. Engine-neutral; the slowest frames are returned with their start time
 * so that the V8 host can line them up with garbage collections.
 */
import { advanceTime } from '../../tests/godot_double/engine_state';
import { DiscardHttpRequest } from '../godot/discard_http_request';
import { callFromGDScript, fromGDScript } from '../../tests/godot_double/gdscript';
import { nativeCalls } from '../../tests/godot_double/native_calls';
import { autoloadScene } from './autoload_cases';
import type { AutoloadScene } from './autoload_cases';
import { FRAME_MS, FRAME_SIM_OPTIONS } from './frame_cases';
import type { FrameResult } from './frame_cases';
import { FrameLog, distribution } from './measure';
import type { Now, SlowFrame } from './measure';

export interface AutoloadFrameResult extends FrameResult {
  /** Native calls per frame (mean). */
  readonly crossingsPerFrame: number;
  /** The slowest frames, slowest first. */
  readonly slowest: readonly SlowFrame[];
}

const LEVELS = ['forest', 'cave', 'castle', 'swamp'].map((level) => fromGDScript({ level }));
const KILLS = ['sword', 'bow', 'staff'].flatMap((weapon) => ['forest', 'cave', 'castle', 'swamp'].map((level) => fromGDScript({ level, weapon })));

/** One event of the mix; a GDScript literal is a new Dictionary at every call, as here. */
function emit(s: AutoloadScene, k: number, frame: object): void {
  switch (k % 10) {
    case 0:
    case 3:
    case 5:
    case 8:
      s.gd('log_info', 'enemy spawned', fromGDScript({ kind: 'orc', wave: k, level: 'forest' }));
      break;
    case 1:
    case 6:
      s.gd('increment', 'enemies_killed', KILLS[k % KILLS.length]);
      break;
    case 2:
      s.gd('gauge', 'enemies_alive', k & 63);
      break;
    case 4:
      s.gd('histogram', 'damage', (k * 7) % 120, LEVELS[k & 3]);
      break;
    default: {
      const span = s.gd('start_span', 'ai_think', fromGDScript({ agents: k & 15 }), frame) as object;
      callFromGDScript(s.gd('start_span', 'pathfind', null, span) as object, 'end');
      callFromGDScript(span, 'end');
    }
  }
}

export function simulateAutoloadFrames(now: Now, eventsPerSecond: number, seconds: number, cpuNow?: Now, warmupSeconds = 2): AutoloadFrameResult {
  const s = autoloadScene(FRAME_SIM_OPTIONS);
  const requestsBefore = DiscardHttpRequest.requests;
  const frames = Math.round(seconds * 60);
  const log = new FrameLog(frames, cpuNow);
  let owed = 0;
  let k = 0;
  let crossings = 0;
  for (let f = -Math.round(warmupSeconds * 60); f < frames; f++) {
    owed += eventsPerSecond / 60;
    const before = nativeCalls.count;
    const requests = DiscardHttpRequest.requests;
    const cpu0 = log.cpuMark();
    const t0 = now();
    const frame = s.gd('start_span', 'frame') as object;
    for (; owed >= 1; owed--) emit(s, k++, frame);
    callFromGDScript(frame, 'end');
    s.tree.step();
    const elapsed = now() - t0;
    // Game time moves by a whole frame (or by the real time the frame took, if longer).
    advanceTime(Math.max(0, FRAME_MS - elapsed));
    if (f < 0) continue;
    log.record(f, t0, elapsed, DiscardHttpRequest.requests - requests, log.cpuMark() - cpu0);
    crossings += nativeCalls.count - before;
  }
  const stats = s.gd('stats') as { get(key: string): unknown };
  let dropped = 0;
  for (const signal of ['logs', 'metrics', 'traces']) {
    const books = stats.get(signal) as { get(key: string): unknown };
    dropped += Number(books.get('produced')) - Number(books.get('sent')) - Number(books.get('pending'));
  }
  let over = 0;
  for (const ms of log.times) if (ms > 1) over++;
  return {
    ...distribution(log.times),
    eventsPerSecond,
    frames,
    framesOver1ms: over,
    requests: DiscardHttpRequest.requests - requestsBefore,
    dropped,
    crossingsPerFrame: crossings / frames,
    slowest: log.slowest(60),
  };
}
