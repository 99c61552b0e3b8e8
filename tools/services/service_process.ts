/**
 * A server process started for a test or a measurement: its own port on 127.0.0.1 and its own
 * temporary directory, the tail of its log kept for error messages, stopped (and its directory
 * deleted) by `stop()` or, at the latest, when this Node process exits.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from './free_port';

/** Starting takes well under a second on an idle machine; the margin is for loaded CI runners. */
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_INTERVAL_MS = 25;
const REQUEST_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_CHARS = 4_000;

export interface ServiceProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** Kills the process and deletes its directory; safe to call twice. */
  stop(): Promise<void>;
}

export interface ServiceSpec {
  /** For messages: "Prometheus", "vmagent". */
  readonly name: string;
  readonly binary: string;
  /** The command line, given the port to listen on and the process's own directory. */
  args(port: number, dir: string): readonly string[];
  /** Answers 200 once the server takes requests. */
  readonly readyPath: string;
}

export async function startService(spec: ServiceSpec): Promise<ServiceProcess> {
  const port = await findFreePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), `gametracker-${spec.name.toLowerCase()}-`));
  const child = spawn(spec.binary, spec.args(port, dir), { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  let logTail = '';
  const keepLog = (chunk: string): void => {
    logTail = (logTail + chunk).slice(-LOG_TAIL_CHARS);
  };
  child.stdout.setEncoding('utf8').on('data', keepLog);
  child.stderr.setEncoding('utf8').on('data', keepLog);
  let ended = false;
  const exited = new Promise<void>((resolve) => {
    const end = (): void => {
      ended = true;
      resolve();
    };
    child.once('exit', end);
    child.once('error', (error) => {
      logTail += `\nspawn failed: ${error.message}`;
      end();
    });
  });
  // A run that dies without calling stop() must not leave a server or its storage behind.
  const cleanUpOnExit = (): void => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUpOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('exit', cleanUpOnExit);
      if (!ended) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(STOP_TIMEOUT_MS, undefined, { ref: false })]);
        if (!ended) child.kill('SIGKILL');
        await Promise.race([exited, sleep(STOP_TIMEOUT_MS, undefined, { ref: false })]);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${baseUrl}${spec.readyPath}`, () => ended);
  } catch (error) {
    await stop();
    throw new Error(`${spec.name} did not start: ${(error as Error).message}\n--- its log ---\n${logTail}`, { cause: error });
  }
  return { baseUrl, pid: child.pid ?? 0, stop };
}

async function waitUntilReady(url: string, hasExited: () => boolean): Promise<void> {
  const deadlineMs = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadlineMs) {
    if (hasExited()) throw new Error('the process exited');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(READY_POLL_INTERVAL_MS);
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms`);
}
