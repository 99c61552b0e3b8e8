/** Engine singletons (subset). GodotJS declares singletons as classes with static methods. */
declare module 'godot' {
  class Time extends Object {
    static get_unix_time_from_system(): float64;
    static get_ticks_usec(): int64;
    static get_ticks_msec(): int64;
  }

  class OS extends Object {
    static get_name(): string;
    static get_version(): string;
    static get_locale(): string;
    static get_processor_name(): string;
    static get_processor_count(): int64;
    /** Keys `physical`, `free`, `available`, `stack` in bytes; -1 where unknown (Godot ≥ 4.1). */
    static get_memory_info(): GDictionary;
    /** The arguments after `--` (or `++`) on the command line. */
    static get_cmdline_user_args(): PackedStringArray;
    static has_feature(tag_name: string): boolean;
    /** Blocks the calling thread; used only while quitting, when no frame follows anyway. */
    static delay_usec(usec: int64): void;
    /** Godot 4.5+: every engine error, warning and script error also goes to `logger` (engine_errors). */
    static add_logger(logger: Logger): void;
    static remove_logger(logger: Logger): void;
  }

  class Engine extends Object {
    /** Keys `major`, `minor`, `patch`, `hex`, `status`, `build`, `hash`, `timestamp`, `string`. */
    static get_version_info(): GDictionary;
    static get_architecture_name(): string;
    static is_editor_hint(): boolean;
  }

  /**
   * Godot's JSON class (a Resource; only its static converter is used). Import it under another name:
   * inside a module `JSON` would hide the JS global.
   */
  class JSON extends RefCounted {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated shape: any Variant
    static stringify(data: any, indent?: string /* = '' */, sort_keys?: boolean /* = true */, full_precision?: boolean /* = false */): string;
  }

  class ProjectSettings extends Object {
    static has_setting(name: string): boolean;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated shape: a setting holds any Variant
    static get_setting(name: string, default_value?: any /*= <any>{}*/): any;
  }

  namespace Performance {
    enum Monitor {
      TIME_FPS = 0,
      MEMORY_STATIC = 4,
      OBJECT_COUNT = 7,
      RENDER_TOTAL_DRAW_CALLS_IN_FRAME = 13,
    }
  }

  /** The engine's monitors (subset of the Monitor enum: what frame health samples). */
  class Performance extends Object {
    static get_monitor(monitor: Performance.Monitor): float64;
  }

  class RenderingServer extends Object {
    static get_video_adapter_name(): string;
    static get_video_adapter_vendor(): string;
  }

  class DisplayServer extends Object {
    static screen_get_size(screen?: int64): Vector2i;
  }
}
