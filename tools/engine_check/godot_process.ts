/**
 * Runs a Godot binary as a child process with a hard time limit, and sorts what it printed into the
 * lines a developer must look at: Godot's ERROR / WARNING / SCRIPT ERROR lines and GodotJS's
 * `[jsb][Error]` / `[jsb][Warning]` lines. Everything else is kept as the run's output.
 */
import { spawn } from 'node:child_process';

export interface GodotRun {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly seconds: number;
  /** stdout and stderr, interleaved as they arrived, one entry a line. */
  readonly lines: readonly string[];
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutS: number;
  readonly env?: NodeJS.ProcessEnv;
}

export function runGodot(godot: string, args: readonly string[], options: RunOptions): Promise<GodotRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(godot, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const pending = { stdout: '', stderr: '' };
    const take = (stream: 'stdout' | 'stderr', chunk: Buffer): void => {
      const parts = (pending[stream] + chunk.toString('utf8')).split('\n');
      pending[stream] = parts.pop() ?? '';
      lines.push(...parts);
    };
    child.stdout.on('data', (chunk: Buffer) => take('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => take('stderr', chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutS * 1000);
    const finish = (exitCode: number | null): void => {
      clearTimeout(timer);
      for (const rest of [pending.stdout, pending.stderr]) if (rest !== '') lines.push(rest);
      resolve({ exitCode, timedOut, seconds: (Date.now() - started) / 1000, lines });
    };
    child.on('error', (error) => {
      lines.push(`could not start ${godot}: ${error.message}`);
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

/** Godot's error and warning lines (with the `at:` line that follows each), and GodotJS's own. */
const PROBLEM = /^(ERROR|WARNING|SCRIPT ERROR|SCRIPT WARNING|USER ERROR|USER WARNING)\b|\[jsb\]\[(Error|Warning)\]/;

export interface Problems {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export function problemsIn(lines: readonly string[]): Problems {
  const errors: string[] = [];
  const warnings: string[] = [];
  lines.forEach((line, i) => {
    const match = PROBLEM.exec(line);
    if (match === null) return;
    const next = lines[i + 1]?.trim() ?? '';
    const text = next.startsWith('at:') ? `${line.trim()}  (${next})` : line.trim();
    if (/WARNING|\[Warning\]/.test(match[0])) warnings.push(text);
    else errors.push(text);
  });
  return { errors, warnings };
}
