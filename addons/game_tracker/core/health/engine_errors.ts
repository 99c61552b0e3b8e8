/**
 * Engine and script errors (the `engine_errors` option; Godot 4.5+'s Logger): each one a log line with
 * its place (file:line, function) and the GDScript stack, deduplicated per place and message within a
 * minute (repeats counted, then summarised in one line) and bounded per minute, so that an error raised
 * every frame cannot flood the backend.
 */

export type EngineErrorType = 'error' | 'warning' | 'script_error' | 'shader_error';

/** Where the script was when the error happened: the top frame of Godot's ScriptBacktrace. */
export interface ScriptStack {
  readonly file: string;
  readonly line: number;
  readonly function: string;
  /** The whole backtrace as Godot formats it. */
  readonly text: string;
}

export interface EngineErrorReport {
  readonly type: EngineErrorType;
  readonly function: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /** Reads the script stack (native calls): only for the first report of a place in a window. */
  readonly readScriptStack?: () => ScriptStack | undefined;
  /** Errors the host could not keep before this report (a storm within one frame): counted as dropped (limit). */
  readonly lostBefore?: number;
}

/** The log line an error becomes: level, message and the fields Grafana groups by (`file`, `line`). */
export interface EngineErrorLine {
  readonly level: 'error' | 'warn';
  readonly msg: string;
  readonly data: Readonly<Record<string, string | number>>;
}

export const ERROR_WINDOW_MS = 60_000;
/** Distinct errors sent per window; more are counted as dropped (limit). */
export const ERRORS_PER_WINDOW = 30;

interface Seen {
  readonly line: EngineErrorLine;
  repeats: number;
}

export class EngineErrorLog {
  private seen = new Map<string, Seen>();
  private windowStartMs: number | undefined;

  /** The line to send, or why not: a repeat within the window, or past the window's bound. */
  take(report: EngineErrorReport, nowMs: number, summaries: (line: EngineErrorLine) => void): EngineErrorLine | 'repeat' | 'over_limit' {
    this.sweep(nowMs, summaries);
    this.windowStartMs ??= nowMs;
    const key = `${report.file}:${report.line}:${report.message}`;
    const seen = this.seen.get(key);
    if (seen !== undefined) {
      seen.repeats++;
      return 'repeat';
    }
    if (this.seen.size >= ERRORS_PER_WINDOW) return 'over_limit';
    const line = describe(report);
    this.seen.set(key, { line, repeats: 0 });
    return line;
  }

  /** At the window's end (or `everything`, at quit): one summary line per error that repeated. */
  sweep(nowMs: number, summaries: (line: EngineErrorLine) => void, everything = false): void {
    if (this.windowStartMs === undefined || (!everything && nowMs - this.windowStartMs < ERROR_WINDOW_MS)) return;
    const ended = this.seen;
    this.seen = new Map();
    this.windowStartMs = undefined;
    for (const { line, repeats } of ended.values()) {
      if (repeats > 0) summaries({ level: line.level, msg: `${line.msg} (repeated ${repeats} times)`, data: { ...line.data, repeats, window_ms: ERROR_WINDOW_MS } });
    }
  }
}

/** The script's place when there is one (a push_error's own C++ file says nothing about the game). */
function describe(report: EngineErrorReport): EngineErrorLine {
  let stack: ScriptStack | undefined;
  try {
    stack = report.readScriptStack?.();
  } catch {
    stack = undefined;
  }
  const data: Record<string, string | number> = {
    type: report.type,
    file: stack?.file ?? report.file,
    line: stack?.line ?? report.line,
    function: stack?.function ?? report.function,
  };
  if (stack !== undefined) {
    data['stack'] = stack.text;
    data['engine_file'] = `${report.file}:${report.line}`;
  }
  return { level: report.type === 'warning' ? 'warn' : 'error', msg: report.message, data };
}
