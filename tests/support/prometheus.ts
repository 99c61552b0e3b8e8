/**
 * A real Prometheus (the Debian package, 2.42) for tests: its own port on 127.0.0.1, its own empty
 * TSDB, no scrape targets, the remote-write receiver on, and nothing relaxed. In particular it keeps
 * 2.42's default strictness, which the tests rely on: a sample older than the newest one in its series
 * is rejected (400, out of order), and so is one older than the head block allows (about an hour
 * behind the newest sample written); write samples stamped near "now".
 *
 * Usage in a test file:
 *   const prom = await startPrometheusForTests();
 *   afterAll(() => prom?.stop());
 *   describe.skipIf(prom === null)('...', () => { ... prom!.remoteWriteUrl ... });
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from './free_port';

/** Starting takes ~30 ms on an idle machine; the margin is for loaded CI runners. */
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_INTERVAL_MS = 25;
const REQUEST_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_CHARS = 4_000;

export interface PromSample {
  timestampSec: number;
  /** Parsed from Prometheus' text form: "NaN", "+Inf" and "-Inf" included. */
  value: number;
}

/** One series of a query result: a vector gives one sample per series, a range selector several. */
export interface PromSeries {
  metric: Record<string, string>;
  samples: PromSample[];
}

export interface PrometheusServer {
  readonly baseUrl: string;
  readonly remoteWriteUrl: string;
  /** An instant query (`/api/v1/query`), at `atUnixSec` or now; PromQL errors throw. */
  query(promql: string, atUnixSec?: number): Promise<PromSeries[]>;
  /** Kills the process and deletes its storage; safe to call twice. */
  stop(): Promise<void>;
}

/** The `prometheus` executable on PATH (Debian installs /usr/bin/prometheus), or null. */
export function findPrometheusBinary(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'prometheus');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; try the next.
    }
  }
  return null;
}

/**
 * Starts Prometheus for a test file, or returns null (with a loud notice) when it is not installed
 * on a developer machine. On CI (CI=true) a missing binary is an error, never a silent skip.
 */
export async function startPrometheusForTests(): Promise<PrometheusServer | null> {
  const binary = findPrometheusBinary();
  if (binary !== null) return startPrometheus(binary);
  if (process.env.CI === 'true') {
    throw new Error('prometheus is not on PATH with CI=true; .ci/run installs the Debian package "prometheus"');
  }
  console.warn(
    [
      '',
      '!'.repeat(78),
      '!! SKIPPING the real-Prometheus tests: no `prometheus` binary on PATH.',
      '!! Install it (Debian/Ubuntu: apt-get install prometheus) to run them; CI always does.',
      '!'.repeat(78),
      '',
    ].join('\n'),
  );
  return null;
}

export async function startPrometheus(binary: string): Promise<PrometheusServer> {
  const port = await findFreePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gametracker-prometheus-'));
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(configFile, '# Data arrives by remote write only.\nscrape_configs: []\n');
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let logTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    logTail = (logTail + chunk).slice(-LOG_TAIL_CHARS);
  });
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
  // A test run that dies without calling stop() must not leave a server or its storage behind.
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
    await waitUntilReady(baseUrl, () => ended);
  } catch (error) {
    await stop();
    throw new Error(`Prometheus did not start: ${(error as Error).message}\n--- its log ---\n${logTail}`, { cause: error });
  }
  return {
    baseUrl,
    remoteWriteUrl: `${baseUrl}/api/v1/write`,
    query: (promql, atUnixSec) => query(baseUrl, promql, atUnixSec),
    stop,
  };
}

async function waitUntilReady(baseUrl: string, hasExited: () => boolean): Promise<void> {
  const deadlineMs = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadlineMs) {
    if (hasExited()) throw new Error('the process exited');
    try {
      const response = await fetch(`${baseUrl}/-/ready`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(READY_POLL_INTERVAL_MS);
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms`);
}

type QueryData =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: [number, string] }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: [number, string][] }[] }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'string'; result: [number, string] };

type QueryResponse = { status: 'success'; data: QueryData } | { status: 'error'; errorType: string; error: string };

async function query(baseUrl: string, promql: string, atUnixSec?: number): Promise<PromSeries[]> {
  const params = new URLSearchParams({ query: promql });
  if (atUnixSec !== undefined) params.set('time', String(atUnixSec));
  const response = await fetch(`${baseUrl}/api/v1/query?${params.toString()}`, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json()) as QueryResponse;
  if (body.status !== 'success') throw new Error(`PromQL ${promql}: ${body.errorType}: ${body.error}`);
  const data = body.data;
  switch (data.resultType) {
    case 'vector':
      return data.result.map(({ metric, value }) => ({ metric, samples: [toSample(value)] }));
    case 'matrix':
      return data.result.map(({ metric, values }) => ({ metric, samples: values.map(toSample) }));
    case 'scalar':
      return [{ metric: {}, samples: [toSample(data.result)] }];
    case 'string':
      throw new Error(`PromQL ${promql}: a string result is not a series`);
  }
}

function toSample([timestampSec, text]: [number, string]): PromSample {
  // Prometheus writes infinities as "+Inf"/"-Inf", which Number() does not read.
  const value = text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
  return { timestampSec, value };
}
