/**
 * `npm run demo`: simulated game clients play a session through the same tracker core the Godot addon
 * uses, and send it to the receiver built into the demo (or, with --endpoint, to a real Alloy).
 */
import { OTLP_PATHS, PATHS } from '../addons/game_tracker/core/config';
import type { TrackerStats } from '../addons/game_tracker/core/api';
import { parseDemoArgs, USAGE } from './args';
import type { DemoArgs } from './args';
import { play } from './play';
import { startReceiver } from './receiver/receiver';
import type { Receiver } from './receiver/receiver';
import { startLiveView } from './receiver/render/live_view';
import { renderFinalReport } from './receiver/render/summary';
import { summarizeStats } from './stats_summary';

async function startLocalReceiver(port: number): Promise<Receiver> {
  try {
    return await startReceiver({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is in use; the built-in receiver takes a free port instead.`);
    return startReceiver({ port: 0 });
  }
}

async function run(args: DemoArgs): Promise<number> {
  const receiver = args.endpoint === undefined ? await startLocalReceiver(args.port) : undefined;
  const endpoint = args.endpoint ?? receiver!.url;
  const warnings: string[] = [];
  let progress = `starting ${args.clients} client(s) for ${args.durationSec} s`;
  const paths = args.protocol === 'otlp' ? OTLP_PATHS : PATHS;
  const header = (): string[] => [
    `GameTracker demo → ${endpoint} (${args.endpoint === undefined ? 'built-in receiver' : 'your endpoint'}, protocol ${args.protocol})`,
    `  ${paths.logs}  ${paths.metrics}  ${paths.traces}`,
    `  ${progress}`,
    '',
  ];
  const live = receiver !== undefined && process.stdout.isTTY ? startLiveView(receiver.model, { header, output: process.stdout }) : undefined;
  if (live === undefined) console.log(header().join('\n'));
  const stats = await play({
    endpoint,
    clients: args.clients,
    durationSec: args.durationSec,
    seed: args.seed,
    trackerOptions: { protocol: args.protocol },
    onWarning: (message) => warnings.push(message),
    onProgress: (elapsedSec, all) => {
      progress = `${elapsedSec.toFixed(0)}/${args.durationSec} s  ${summarizeStats(all)}`;
      if (live === undefined && Math.round(elapsedSec) % 5 === 0) console.log(`[demo] ${progress}`);
    },
  });
  live?.stop();
  if (receiver !== undefined) {
    console.log(renderFinalReport(receiver.snapshot()));
    await receiver.stop();
  }
  return report(stats, warnings);
}

/** What the clients say they sent; a run with losses says so and exits non-zero. */
function report(stats: TrackerStats[], warnings: string[]): number {
  console.log(`\nClients: ${summarizeStats(stats)}`);
  for (const warning of [...new Set(warnings)].slice(0, 10)) console.log(`  warning: ${warning}`);
  const lost = stats.some((s) => s.logs.sent + s.metrics.sent + s.traces.sent === 0 || s.logs.pending + s.traces.pending > 0);
  return lost ? 1 : 0;
}

function main(): void {
  let args: DemoArgs;
  try {
    if (process.argv.includes('--help') || process.argv.includes('-h')) {
      console.log(USAGE);
      return;
    }
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  run(args).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

main();
