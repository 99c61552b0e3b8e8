/**
 * A real Prometheus started for a test or a measurement: its own port on 127.0.0.1, its own empty
 * TSDB, no scrape targets, the remote-write receiver on, and nothing relaxed. In particular it keeps
 * the default strictness the tests rely on: a sample older than the newest one in its series is
 * rejected (400, out of order), and so is one older than the head block allows (about an hour behind
 * the newest sample written); write samples stamped near "now". Tests start it through
 * tests/support/prometheus.ts; `npm run load` starts Prometheus 3 with it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findExecutable } from './executables';
import { startService } from './service_process';

const REQUEST_TIMEOUT_MS = 5_000;

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
  return findExecutable('prometheus');
}

export async function startPrometheus(binary: string): Promise<PrometheusServer> {
  const service = await startService({
    name: 'Prometheus',
    binary,
    args: (port, dir) => {
      const configFile = path.join(dir, 'prometheus.yml');
      writeFileSync(configFile, '# Data arrives by remote write only.\nscrape_configs: []\n');
      return [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-remote-write-receiver',
        '--log.level=warn',
      ];
    },
    readyPath: '/-/ready',
  });
  const baseUrl = service.baseUrl;
  return {
    baseUrl,
    remoteWriteUrl: `${baseUrl}/api/v1/write`,
    query: (promql, atUnixSec) => query(baseUrl, promql, atUnixSec),
    stop: service.stop,
  };
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
