import { Time } from 'godot';
import { impl as jsEngine } from 'godot-jsb';
import type { Clock } from '../core/ports';

const MS_PER_SECOND = 1000;
const US_PER_MS = 1000;

interface Performance {
  now(): number;
}

/**
 * Where monotonic time comes from, chosen once. QuickJS-NG builds of GodotJS have the JS engine's own
 * `performance.now()`: a function of the interpreter, where Godot's `Time.get_ticks_usec()` is a call
 * into the engine (~0.5 µs each on QuickJS-NG, and the autoload reads the clock for every log line
 * and span; godotjs-facts §16-17). V8 builds have no `performance`: there Godot's tick counter is read.
 */
export function monotonicSource(engineName: string, host: object): () => number {
  const performance = (host as { performance?: Partial<Performance> }).performance;
  if (engineName.startsWith('quickjs') && typeof performance?.now === 'function') {
    const perf = performance as Performance;
    return () => perf.now();
  }
  return () => Time.get_ticks_usec() / US_PER_MS;
}

/** Wall clock from the system (it can jump); monotonic time from the source above. */
export const godotClock: Clock = {
  unixMs: () => Time.get_unix_time_from_system() * MS_PER_SECOND,
  monotonicMs: monotonicSource(jsEngine, globalThis),
};
