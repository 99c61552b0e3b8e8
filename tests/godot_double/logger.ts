/**
 * Godot 4.5+'s Logger and ScriptBacktrace, and how the engine reaches a logger installed with
 * OS.add_logger(): every error, warning and script error calls its `_log_error` on the main thread
 * (push_warning included, so the addon's own warnings come back to it). Raised on another thread, the
 * call is refused by GodotJS, as a real build does (godotjs-facts §18): nothing is delivered, the game
 * goes on, and GodotJS prints an error.
 */
import { GArray } from './containers';
import { engine } from './engine_state';
import { RefCounted, registerNativeClass } from './objects_base';

export class Logger extends RefCounted {
  static readonly ErrorType = { ERROR_TYPE_ERROR: 0, ERROR_TYPE_WARNING: 1, ERROR_TYPE_SCRIPT: 2, ERROR_TYPE_SHADER: 3 } as const;
  _log_error(_function: string, _file: string, _line: number, _code: string, _rationale: string, _editor_notify: boolean, _error_type: number, _script_backtraces: GArray): void {}
  _log_message(_message: string, _error: boolean): void {}
}

export interface StackFrame {
  readonly file: string;
  readonly line: number;
  readonly function: string;
}

export class ScriptBacktrace extends RefCounted {
  readonly #frames: readonly StackFrame[];
  constructor(frames: readonly StackFrame[] = []) {
    super();
    this.#frames = frames;
  }
  get_frame_count(): number {
    return this.#frames.length;
  }
  get_frame_function(index: number): string {
    return this.#frames[index]?.function ?? '';
  }
  get_frame_file(index: number): string {
    return this.#frames[index]?.file ?? '';
  }
  get_frame_line(index: number): number {
    return this.#frames[index]?.line ?? -1;
  }
  format(indent_all = 0, indent_frames = 4): string {
    const pad = (n: number) => ' '.repeat(n);
    return [`${pad(indent_all)}GDScript backtrace (most recent call first):`, ...this.#frames.map((f, i) => `${pad(indent_all + indent_frames)}[${i}] ${f.function} (${f.file}:${f.line})`)].join('\n');
  }
}

registerNativeClass(Logger);
registerNativeClass(ScriptBacktrace);

export interface RaisedError {
  readonly type?: number;
  readonly function?: string;
  readonly file?: string;
  readonly line?: number;
  readonly code: string;
  readonly rationale?: string;
  /** The GDScript frames, most recent first (a push_error or a runtime error in a script). */
  readonly stack?: readonly StackFrame[];
  /** Raised on a Thread: GodotJS refuses to call the script logger. */
  readonly offMainThread?: boolean;
}

/** What the engine does with an error: every installed logger hears of it, on the main thread only. */
export function raiseEngineError(error: RaisedError): void {
  for (const logger of engine.loggers) {
    if (error.offMainThread === true) {
      engine.errorPrints.push('[jsb][Error] can not call script method from a different thread (method=_log_error)');
      continue;
    }
    const backtraces = GArray.create(error.stack === undefined ? [] : [new ScriptBacktrace(error.stack)]);
    logger._log_error(error.function ?? 'push_error', error.file ?? 'core/variant/variant_utility.cpp', error.line ?? 1034, error.code, error.rationale ?? '', false, error.type ?? 0, backtraces);
  }
}
