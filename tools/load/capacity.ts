/**
 * `npm run load -- --compare`: the same clients' metrics into two real Prometheus servers side by side,
 * one raw (every session's own series) and one behind the deploy kit's aggregation tier (vmagent), and
 * what each costs: series, samples per second, CPU and memory; and whether the tier's sums equal what
 * every client counted and what the raw series add up to.
 */
import type { PrometheusServer } from '../services/prometheus';
import { startPrometheus } from '../services/prometheus';
import { startTier } from '../services/vmagent';
import type { Tally } from './tally';
import { seriesKey } from './tally';
import type { Labels } from './tally';

export interface ProcessFigures {
  readonly cpuSeconds: number;
  readonly residentBytes: number;
}

export interface StoreFigures extends ProcessFigures {
  /** Series in the head block: every series written during the run. */
  readonly headSeries: number;
  /** Samples appended per second over the run. */
  readonly samplesPerSec: number;
}

export interface SumCheck {
  readonly keys: number;
  /** Keys whose stored sum differs from the clients' tally, with the first few for the report. */
  readonly mismatches: number;
  readonly examples: readonly string[];
}

export interface CapacityFigures {
  readonly raw: StoreFigures;
  readonly aggregated: StoreFigures;
  readonly tier: ProcessFigures;
  readonly tierVsClients: SumCheck;
  readonly rawVsClients: SumCheck;
}

export interface CapacityBackends {
  /** Where the load's metrics go: the raw Prometheus and the tier. */
  readonly remoteWriteUrls: readonly string[];
  /** Marks the start of the measured run. */
  begin(): Promise<void>;
  /** After the run: waits for the tier's last interval, then measures. */
  measure(tally: Tally, tierIntervalSec: number): Promise<CapacityFigures>;
  stop(): Promise<void>;
}

export async function startCapacityBackends(prometheusBinary: string, vmagentBinary: string, tierIntervalSec: number): Promise<CapacityBackends> {
  const raw = await startPrometheus(prometheusBinary);
  const aggregated = await startPrometheus(prometheusBinary);
  const tier = await startTier({ binary: vmagentBinary, storageWriteUrl: aggregated.remoteWriteUrl, tierName: 'load-tier', intervalSec: tierIntervalSec });
  const metricsOf = (prom: PrometheusServer): string => `${prom.baseUrl}/metrics`;
  let begun = { raw: 0, aggregated: 0, atMs: 0 };
  return {
    remoteWriteUrls: [raw.remoteWriteUrl, tier.remoteWriteUrl],
    begin: async () => {
      const [rawText, aggregatedText] = await Promise.all([metricsText(metricsOf(raw)), metricsText(metricsOf(aggregated))]);
      begun = { raw: sumOf(rawText, SAMPLES_APPENDED), aggregated: sumOf(aggregatedText, SAMPLES_APPENDED), atMs: Date.now() };
    },
    measure: async (tally, intervalSec) => {
      // The tier writes a sum once per interval: two more make sure the last sessions' pushes are in.
      await new Promise((resolve) => setTimeout(resolve, (2 * intervalSec + 2) * 1000));
      const seconds = (Date.now() - begun.atMs) / 1000;
      const store = async (prom: PrometheusServer, samplesBefore: number): Promise<StoreFigures> => {
        const text = await metricsText(metricsOf(prom));
        return { ...processFigures(text), headSeries: sumOf(text, 'prometheus_tsdb_head_series'), samplesPerSec: (sumOf(text, SAMPLES_APPENDED) - samplesBefore) / seconds };
      };
      return {
        raw: await store(raw, begun.raw),
        aggregated: await store(aggregated, begun.aggregated),
        tier: processFigures(await metricsText(tier.metricsUrl)),
        tierVsClients: await checkSums(aggregated, tally, (name) => `${name}{tier="load-tier"}`),
        // Ended sessions leave the 5-minute lookback: each series's last value within the run counts.
        rawVsClients: await checkSums(raw, tally, (name) => `sum without (session_id) (last_over_time(${name}[1h]))`),
      };
    },
    stop: async () => {
      await tier.stop();
      await Promise.all([raw.stop(), aggregated.stop()]);
    },
  };
}

const SAMPLES_APPENDED = 'prometheus_tsdb_head_samples_appended_total';

async function metricsText(url: string): Promise<string> {
  return (await fetch(url)).text();
}

/** The sum of every sample of `name` in a Prometheus text exposition (all label sets). */
function sumOf(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** A Go process's own CPU time and memory, from its metrics. */
function processFigures(text: string): ProcessFigures {
  return { cpuSeconds: sumOf(text, 'process_cpu_seconds_total'), residentBytes: sumOf(text, 'process_resident_memory_bytes') };
}

/** Every key the clients counted, read back as `query(name)` and compared exactly. */
async function checkSums(prom: PrometheusServer, tally: Tally, query: (name: string) => string): Promise<SumCheck> {
  const stored = new Map<string, number>();
  const names = new Set([...tally.sums.keys()].map((key) => key.slice(0, key.indexOf('{'))));
  for (const name of names) {
    for (const series of await prom.query(query(name))) {
      const { __name__: _name, tier: _tier, ...labels } = series.metric;
      stored.set(seriesKey(name, labels as Labels), series.samples[0]!.value);
    }
  }
  const examples: string[] = [];
  let mismatches = 0;
  for (const [key, expected] of tally.sums) {
    const actual = stored.get(key);
    if (actual === undefined || Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
      mismatches++;
      if (examples.length < 5) examples.push(`${key}: counted ${expected}, stored ${actual ?? 'nothing'}`);
    }
  }
  return { keys: tally.sums.size, mismatches, examples };
}
