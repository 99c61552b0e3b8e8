import { Time } from 'godot';
import { impl as jsEngine } from 'godot-jsb';
import type { Clock } from '../core/ports';

const MS_PER_SECOND = 1000;
const US_PER_MS = 1000;

/** Monotonic milliseconds: `performance` itself where the JS engine has it, so that `now()` is one native call. */
export interface MonotonicTimer {
  now(): number;
}

/**
 * Where monotonic time comes from, chosen once. GodotJS itself provides no `performance`; QuickJS-NG
 * does, as an interpreter built-in (seen in GodotJS a8e2567's QuickJS-NG build: `globalThis.performance.now`
 * is a function), where Godot's `Time.get_ticks_usec()` is a call into the engine: 85 against 278 ns a
 * read in that build (scripts/bench/conversions.tscn), and the autoload reads the clock for every log
 * line and span. It is looked up, not assumed: where it is missing (V8 builds, another backend) Godot's
 * tick counter is read. Its origin is the JS runtime's own, so a JSWorker's readings do not share it.
 */
export function monotonicSource(engineName: string, host: object): MonotonicTimer {
  const performance = (host as { performance?: Partial<MonotonicTimer> }).performance;
  if (engineName.startsWith('quickjs') && typeof performance?.now === 'function') return performance as MonotonicTimer;
  return { now: () => Time.get_ticks_usec() / US_PER_MS };
}

/** The timer the autoload reads for each timed call, without a wrapper function around it. */
export const monotonicTimer: MonotonicTimer = monotonicSource(jsEngine, globalThis);

/** Wall clock from the system (it can jump); monotonic time from the timer above. */
export const godotClock: Clock = {
  unixMs: () => Time.get_unix_time_from_system() * MS_PER_SECOND,
  monotonicMs: () => monotonicTimer.now(),
};
