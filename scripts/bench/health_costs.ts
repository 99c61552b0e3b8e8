import { Node, Time } from 'godot';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { readEngineMonitors } from '../../addons/game_tracker/godot/engine_monitors';
import { godotClock } from '../../addons/game_tracker/godot/godot_clock';
import { createGodotRandom } from '../../addons/game_tracker/godot/godot_random';

const FRAMES = 100_000;
const MONITOR_READS = 1000;

/**
 * What auto capture costs in this engine (issue #19), for health_costs.gd: the JS a frame pays for
 * sessions and frame health (`frame(delta)`: no native call), and one read of the engine monitors
 * (every 5 s), beside an empty JS loop.
 */
export default class HealthCosts extends Node {
  frame_costs(): string {
    const tracker = createTracker({ clock: godotClock, random: createGodotRandom(), http: { send: () => undefined }, warn: () => undefined }, { os_name: 'bench' });
    tracker.init({ endpoint: 'http://127.0.0.1:9', sessions: true, frame_health: true });
    const emptyNs = timeNs(FRAMES, () => undefined);
    const frameNs = timeNs(FRAMES, (i) => tracker.frame(16 + (i & 7)));
    const monitorsNs = timeNs(MONITOR_READS, () => readEngineMonitors());
    return [
      `| empty JS loop body | ${emptyNs.toFixed(0)} ns |`,
      `| frame(delta): session length, frame-time histogram, hitch check | ${frameNs.toFixed(0)} ns a frame |`,
      `| the engine monitors (4 Performance reads, every 5 s) | ${(monitorsNs / 1000).toFixed(2)} µs a read |`,
    ].join('\n');
  }
}

function timeNs(count: number, run: (i: number) => unknown): number {
  const start = Time.get_ticks_usec();
  for (let i = 0; i < count; i++) run(i);
  return ((Time.get_ticks_usec() - start) * 1000) / count;
}
