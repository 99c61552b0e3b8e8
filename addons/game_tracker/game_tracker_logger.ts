import { Logger, RefCounted } from 'godot';
import type { GArray, ScriptBacktrace } from 'godot';
import type { EngineErrorReport, EngineErrorType } from './core/health/engine_errors';

/**
 * Godot's Logger (4.5+); on an older engine, which has none, RefCounted, so that this file still loads.
 * GodotJS's "godot" module is a loader that throws for a class the engine lacks, when it is read: the
 * named import is read here, inside the try (never `import * as`: TypeScript's interop helper reads
 * `__esModule` off the loader, which throws "godot class not found").
 */
function loggerClass(): typeof Logger {
  try {
    return Logger;
  } catch {
    return RefCounted as unknown as typeof Logger;
  }
}
const LoggerBase = loggerClass();

/** Whether this engine has Logger (Godot 4.5+): `engine_errors` warns once and does nothing without it. */
export const ENGINE_HAS_LOGGER = LoggerBase !== (RefCounted as unknown);

const TYPES: readonly EngineErrorType[] = ['error', 'warning', 'script_error', 'shader_error'];
/** The addon's own warnings come back through the logger: never reported again (they would feed themselves). */
const OWN_PREFIX = '[GameTracker]';
/** Errors kept between two frames; a storm beyond it within one frame is counted (dropped: limit), not kept. */
const MAX_PER_FRAME = 256;

/**
 * Installed with OS.add_logger() when `engine_errors` is on. Godot calls it on the main thread (GodotJS
 * refuses calls from other threads: errors raised on a Thread never get here) and at any time, also
 * inside the addon's own calls into the engine: so it only keeps what it is given, and the autoload
 * hands the reports to the tracker at its next frame (`take`). The script stack is read then, and only
 * for an error not already seen in the minute.
 */
export default class GameTrackerLogger extends LoggerBase {
  #reports: EngineErrorReport[] = [];
  #overflow = 0;

  override _log_error(function_: string, file: string, line: number, code: string, rationale: string, _editor_notify: boolean, error_type: number, script_backtraces: GArray<ScriptBacktrace>): void {
    const message = rationale === '' ? code : rationale;
    if (message.startsWith(OWN_PREFIX)) return;
    if (this.#reports.length >= MAX_PER_FRAME) {
      this.#overflow++;
      return;
    }
    this.#reports.push({ type: TYPES[error_type] ?? 'error', function: function_, file, line: Number(line), message, readScriptStack: () => topFrame(script_backtraces) });
  }

  override _log_message(_message: string, _error: boolean): void {}

  /** Hands over the reports since the last call (a frame with none allocates nothing); a storm's excess as one report. */
  drainInto(report: (error: EngineErrorReport) => void): void {
    if (this.#reports.length === 0) return;
    const reports = this.#reports;
    this.#reports = [];
    for (const error of reports) report(error);
    if (this.#overflow === 0) return;
    report({ type: 'error', function: '', file: '', line: 0, message: 'more engine errors in one frame than the addon keeps; the rest were counted (dropped: limit)', lostBefore: this.#overflow });
    this.#overflow = 0;
  }
}

/** The first script backtrace's top frame, and the whole of it as Godot formats it. */
function topFrame(backtraces: GArray<ScriptBacktrace>): { file: string; line: number; function: string; text: string } | undefined {
  if (Number(backtraces.size()) === 0) return undefined;
  const backtrace = backtraces.get(0);
  if (Number(backtrace.get_frame_count()) === 0) return undefined;
  return { file: backtrace.get_frame_file(0), line: Number(backtrace.get_frame_line(0)), function: backtrace.get_frame_function(0), text: backtrace.format() };
}
