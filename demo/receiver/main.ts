/**
 * `npm run receiver [-- --port 4400]`: runs the receiver alone, so that a Godot game (or the demo) can
 * send GameTracker's signals to this machine and a developer can watch them arrive. Ctrl+C stops it and
 * prints the final report.
 */
import { parseArgs } from 'node:util';
import { PATHS } from '../../addons/game_tracker/core/config';
import { DEFAULT_PORT, startReceiver } from './receiver';
import { describeError } from './reply';
import { startLiveView } from './render/live_view';
import { renderFinalReport } from './render/summary';

const USAGE = `Usage: npm run receiver -- [--port <port>]

Listens on 127.0.0.1 (default port ${DEFAULT_PORT}; 0 picks a free one) and answers like Loki,
Prometheus remote write and an OTLP/HTTP collector.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const receiver = await startReceiver({ port });
  const row = (signal: string, path: string, format: string): string =>
    `  ${signal.padEnd(8)} POST ${(receiver.url + path).padEnd(receiver.url.length + PATHS.logs.length)}  ${format}`;
  const header = [
    `GameTracker receiver on ${receiver.url}   (Ctrl+C: stop and print the report)`,
    row('logs', PATHS.logs, 'Loki push (JSON or snappy protobuf)'),
    row('metrics', PATHS.metrics, 'Prometheus remote write 1.0'),
    row('traces', PATHS.traces, 'OTLP/HTTP (JSON or protobuf)'),
  ];
  const hint = port === DEFAULT_PORT ? 'GameTracker sends here by default (no endpoint option needed).' : `In the game: GameTracker.init({ "endpoint": "${receiver.url}" })`;
  console.log([...header, hint, ''].join('\n'));
  const liveView = startLiveView(receiver.model, { header, output: process.stdout });
  const stop = (): void => {
    liveView.stop();
    process.stdout.write(`\n${renderFinalReport(receiver.snapshot())}`);
    receiver.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? 'The port is in use; pass --port 0 for a free one.' : describeError(error));
  process.exit(1);
});
