import { Performance } from 'godot';
import type { EngineMonitors } from '../core/health/auto_metrics';

/** What frame health samples every few seconds: four reads of Godot's Performance monitors. */
export function readEngineMonitors(): EngineMonitors {
  const { Monitor } = Performance;
  return {
    fps: Performance.get_monitor(Monitor.TIME_FPS),
    memory_static_bytes: Performance.get_monitor(Monitor.MEMORY_STATIC),
    draw_calls: Performance.get_monitor(Monitor.RENDER_TOTAL_DRAW_CALLS_IN_FRAME),
    objects: Performance.get_monitor(Monitor.OBJECT_COUNT),
  };
}
