/** Godot object classes (subset). Godot's `Object` is exported under that name in snake_case mode. */
declare module 'godot' {
  class Object {
    /** Godot's description: `<Class#id>`, `Name:<Class#id>` for nodes, or the script's `_to_string()`. */
    to_string(): string;
    /* gdvirtual */ _notification(what: int64): void;
  }

  class RefCounted extends Object {
    get_reference_count(): int64;
  }

  namespace Logger {
    enum ErrorType {
      ERROR_TYPE_ERROR = 0,
      ERROR_TYPE_WARNING = 1,
      ERROR_TYPE_SCRIPT = 2,
      ERROR_TYPE_SHADER = 3,
    }
  }

  /** Godot 4.5+: a script subclass installed with OS.add_logger() receives the engine's errors and prints. */
  class Logger extends RefCounted {
    /* gdvirtual */ _log_error(function_: string, file: string, line: int64, code: string, rationale: string, editor_notify: boolean, error_type: int64, script_backtraces: GArray<ScriptBacktrace>): void;
    /* gdvirtual */ _log_message(message: string, error: boolean): void;
  }

  /** Godot 4.5+: where a script was when an error happened. */
  class ScriptBacktrace extends RefCounted {
    get_frame_count(): int64;
    get_frame_function(index: int64): string;
    get_frame_file(index: int64): string;
    get_frame_line(index: int64): int64;
    format(indent_all?: int64 /* = 0 */, indent_frames?: int64 /* = 4 */): string;
  }

  namespace Node {
    enum ProcessMode {
      PROCESS_MODE_INHERIT = 0,
      PROCESS_MODE_PAUSABLE = 1,
      PROCESS_MODE_WHEN_PAUSED = 2,
      PROCESS_MODE_ALWAYS = 3,
      PROCESS_MODE_DISABLED = 4,
    }
  }

  class Node extends Object {
    static readonly NOTIFICATION_WM_CLOSE_REQUEST = 1006;
    static readonly NOTIFICATION_WM_GO_BACK_REQUEST = 1007;
    static readonly NOTIFICATION_APPLICATION_RESUMED = 2014;
    static readonly NOTIFICATION_APPLICATION_PAUSED = 2015;
    /** GodotJS binds the name through methods only: `node.name = "x"` would set a plain JS field. */
    set_name(name: StringName): void;
    get_name(): StringName;
    get process_mode(): Node.ProcessMode;
    set process_mode(value: Node.ProcessMode);
    add_child(node: Node, force_readable_name?: boolean): void;
    get_node(path: NodePath | string): Node;
    get_tree(): SceneTree;
    /** Calls `method` with `args` on this node and every descendant that has it. */
    propagate_call(method: StringName, args?: GArray, parent_first?: boolean): void;
    /* gdvirtual */ _enter_tree(): void;
    /* gdvirtual */ _exit_tree(): void;
    /* gdvirtual */ _ready(): void;
    /* gdvirtual */ _process(delta: float64): void;
  }

  /** Exported as SceneTree; in the engine it derives from MainLoop. */
  class SceneTree extends Object {
    quit(exit_code?: int64): void;
    /**
     * Global: while false, closing the window only sends NOTIFICATION_WM_CLOSE_REQUEST. A property in
     * GodotJS's typings; there is no `set_auto_accept_quit()` method.
     */
    get auto_accept_quit(): boolean;
    set auto_accept_quit(value: boolean);
  }

  class Crypto extends RefCounted {
    constructor();
    generate_random_bytes(size: int64): PackedByteArray;
  }

  class EditorPlugin extends Node {
    add_autoload_singleton(name: string, path: string): void;
    remove_autoload_singleton(name: string): void;
    /* gdvirtual */ _enable_plugin(): void;
    /* gdvirtual */ _disable_plugin(): void;
  }
}
