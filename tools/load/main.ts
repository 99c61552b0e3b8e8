/**
 * `npm run load`: many concurrent game clients (the demo's), sessions starting and ending over time,
 * against any endpoint (the load generator's own sink on 127.0.0.1 by default), and a report of what
 * they sent. With --compare, their metrics also go to a real Prometheus raw and through the
 * aggregation tier into another, side by side (tools/load/capacity.ts; docs/capacity.md).
 */
import { DEFAULT_HISTOGRAM_BUCKETS } from '../../addons/game_tracker/core/config';
import { findPrometheusBinary } from '../services/prometheus';
import { findVmagentBinary, VMAGENT_VERSION } from '../services/vmagent';
import { parseLoadArgs, USAGE } from './args';
import type { LoadArgs } from './args';
import { startCapacityBackends } from './capacity';
import type { CapacityBackends } from './capacity';
import { runFleet } from './fleet';
import { renderCapacity, renderLoad } from './report';
import { startSink } from './sink';
import { Tally } from './tally';

async function backendsFor(args: LoadArgs): Promise<CapacityBackends | undefined> {
  if (!args.compare) return undefined;
  const prometheus = args.prometheus ?? findPrometheusBinary();
  const vmagent = findVmagentBinary();
  if (prometheus === null) throw new Error('--compare needs Prometheus: --prometheus PATH, or `prometheus` on PATH');
  if (vmagent === null) throw new Error(`--compare needs vmagent: go install github.com/VictoriaMetrics/VictoriaMetrics/app/vmagent@${VMAGENT_VERSION}`);
  return startCapacityBackends(prometheus, vmagent, args.tierIntervalSec);
}

async function run(args: LoadArgs): Promise<void> {
  const backends = await backendsFor(args);
  const sink = args.endpoint === undefined ? await startSink(backends?.remoteWriteUrls ?? []) : undefined;
  const endpoint = args.endpoint ?? sink!.url;
  const warnings = new Map<string, number>();
  const tally = new Tally(DEFAULT_HISTOGRAM_BUCKETS);
  console.log(`GameTracker load → ${endpoint} (${sink === undefined ? 'your endpoint' : 'built-in sink'}, protocol ${args.protocol})`);
  console.log(`  ${args.sessions} sessions, ${args.concurrent} at once, ~${args.meanSessionSec} s each, for at most ${args.durationSec} s, ${args.fps} simulated fps`);
  await backends?.begin();
  const fleet = await runFleet({
    ...args,
    endpoint,
    tally,
    onWarning: (message) => warnings.set(message.replace(/\d+/g, 'N'), (warnings.get(message.replace(/\d+/g, 'N')) ?? 0) + 1),
    onProgress: (playing, started, elapsedSec) => {
      if (Math.round(elapsedSec) % 10 === 0) console.log(`  ${Math.round(elapsedSec)} s: ${playing} playing, ${started} started`);
    },
  });
  console.log(renderLoad(fleet, sink?.traffic, warnings));
  if (sink !== undefined && sink.forwardFailures.count > 0) console.log(`  forwards refused: ${sink.forwardFailures.count} (first: ${sink.forwardFailures.first})`);
  if (backends !== undefined) {
    console.log(`  waiting for the tier's last ${args.tierIntervalSec} s intervals...`);
    console.log(renderCapacity(await backends.measure(tally, args.tierIntervalSec), fleet));
    await backends.stop();
  }
  await sink?.close();
}

let args: LoadArgs;
try {
  args = parseLoadArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
run(args).then(
  // Crashed clients keep idle connections open: leave without waiting for them.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
