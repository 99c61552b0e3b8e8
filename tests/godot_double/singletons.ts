import { performance } from 'node:perf_hooks';
import { GDictionary } from './containers';
import { engine, probe } from './engine_state';
import { raiseEngineError } from './logger';
import type { Logger } from './logger';
import { PackedStringArray, Vector2i } from './variants';

/**
 * Engine singletons: GodotJS exposes each as an object with methods, typed as static methods.
 * Values come from `engine` (engine_state.ts); a name in `engine.failingProbes` makes that method
 * throw, standing in for servers that headless or web builds lack.
 */
export const Time = {
  get_unix_time_from_system: (): number => (Date.now() + engine.timeOffsetMs) / 1000,
  get_ticks_usec: (): number => Math.floor((performance.now() + engine.timeOffsetMs) * 1000),
  get_ticks_msec: (): number => Math.floor(performance.now() + engine.timeOffsetMs),
};

export const OS = {
  get_name: () => probe('OS.get_name', () => 'Linux'),
  get_version: () => probe('OS.get_version', () => '6.1.0'),
  get_locale: () => probe('OS.get_locale', () => 'en_US'),
  get_processor_name: () => probe('OS.get_processor_name', () => 'Double CPU @ 3.0GHz'),
  get_processor_count: () => probe('OS.get_processor_count', () => 8),
  get_memory_info: () =>
    probe('OS.get_memory_info', () => GDictionary.create({ physical: 16 * 1024 ** 3, free: -1, available: -1, stack: 8 * 1024 ** 2 })),
  get_cmdline_user_args: () => new PackedStringArray(engine.cmdlineUserArgs),
  has_feature: (tag: string) => engine.features.has(tag),
  add_logger: (logger: object) => void engine.loggers.push(logger as Logger),
  remove_logger: (logger: object) => {
    const at = engine.loggers.indexOf(logger as Logger);
    if (at >= 0) engine.loggers.splice(at, 1);
  },
  /** Really blocks the thread, as the engine does; sockets keep going in HTTPClient's worker. */
  delay_usec: (usec: number) => {
    Atomics.wait(sleeper, 0, 0, Math.max(0, Number(usec)) / 1000);
  },
};

const sleeper = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

export const Engine = {
  get_version_info: () =>
    probe('Engine.get_version_info', () =>
      GDictionary.create({ major: 4, minor: 6, patch: 1, status: 'stable', build: 'official', string: '4.6.1-stable (official)' }),
    ),
  get_architecture_name: () => probe('Engine.get_architecture_name', () => 'x86_64'),
  is_editor_hint: () => engine.editorHint,
};

export const ProjectSettings = {
  has_setting: (name: string): boolean => engine.projectSettings.has(name),
  /** Godot returns `default_value` (null if none) for a setting the project does not have. */
  get_setting: (name: string, default_value: unknown = null): unknown => (engine.projectSettings.has(name) ? engine.projectSettings.get(name) : default_value),
};

/** Godot's Performance singleton: `Monitor` as GodotJS exposes the enum, values from engine.monitors. */
export const Performance = Object.assign(
  {
    get_monitor: (monitor: number): number => engine.monitors.get(monitor) ?? 0,
  },
  { Monitor: { TIME_FPS: 0, MEMORY_STATIC: 4, OBJECT_COUNT: 7, RENDER_TOTAL_DRAW_CALLS_IN_FRAME: 13 } as const },
);

export const RenderingServer = {
  get_video_adapter_name: () => probe('RenderingServer.get_video_adapter_name', () => engine.gpuName),
  get_video_adapter_vendor: () => probe('RenderingServer.get_video_adapter_vendor', () => engine.gpuVendor),
};

export const DisplayServer = {
  screen_get_size: (_screen = -1) =>
    probe('DisplayServer.screen_get_size', () => new Vector2i(engine.screen.width, engine.screen.height)),
};

/** Godot concatenates the arguments like print(). */
/** Godot concatenates the arguments like print(); the engine's loggers hear of it as a warning. */
export function push_warning(...args: unknown[]): void {
  const message = args.map(String).join('');
  engine.warnings.push(message);
  raiseEngineError({ type: 1, function: 'push_warning', code: message });
}
