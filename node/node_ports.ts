/**
 * The core's ports on Node: what tests, the Node demo and the benchmarks hand to the tracker
 * where the game hands it the Godot adapters.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, RandomSource, TrackerPorts, WarningSink } from '../addons/game_tracker/core/ports';
import { createNodeHttpPort } from './node_http_port';

export { createNodeHttpPort };

export function createNodeClock(): Clock {
  // Measured from the clock's creation so that the values stay small and exact as doubles.
  const originNs = process.hrtime.bigint();
  return {
    unixMs: () => Date.now(),
    monotonicMs: () => Number(process.hrtime.bigint() - originNs) / 1e6,
  };
}

export function createNodeRandom(): RandomSource {
  // A plain Uint8Array, not a Buffer, so that callers see exactly what the Godot port returns.
  return { bytes: (count) => new Uint8Array(randomBytes(count)) };
}

const warnToConsole: WarningSink = (message) => console.warn(`[GameTracker] ${message}`);

export function createNodePorts(warn: WarningSink = warnToConsole): TrackerPorts {
  return { clock: createNodeClock(), random: createNodeRandom(), http: createNodeHttpPort(), warn };
}
