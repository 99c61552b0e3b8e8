/** Command-line options of `npm run load`. */
import type { Protocol } from '../../addons/game_tracker/core/config';
import { readLongOptions, readNumber } from '../../demo/args';
import type { FleetPlan } from './fleet';

export interface LoadArgs extends FleetPlan {
  /** Where the clients send; undefined means the load generator's own sink on 127.0.0.1. */
  readonly endpoint: string | undefined;
  readonly protocol: Protocol;
  /** Real Prometheus raw and behind the aggregation tier, side by side. */
  readonly compare: boolean;
  readonly tierIntervalSec: number;
  /** The Prometheus binary for --compare (default: `prometheus` on PATH). */
  readonly prometheus: string | undefined;
}

export const USAGE = `Usage: npm run load -- [options]
  --endpoint URL       send to this endpoint (an Alloy, the gateway, the tier); default: the load generator's own sink on 127.0.0.1
  --protocol P         native (default) or otlp
  --sessions N         sessions to play in all (default 300, at most 20000)
  --concurrent N       sessions playing at once (default 100, at most 5000)
  --session-sec S      mean session length in seconds (default 60)
  --duration SEC       stop starting sessions after this long; playing ones then quit (default 120, at most 3600)
  --fps N              simulated frames per second of each client (default 10; the demo's game plays at 60)
  --crash-share X      share of sessions that crash instead of quitting (default 0.1)
  --seed N             seed of the simulation (default 1)
  --compare            send metrics to a real Prometheus and, through the aggregation tier (vmagent), to another one; report both
  --tier-interval SEC  the tier's aggregation interval with --compare (default 30, as in the deploy kit)
  --prometheus PATH    the Prometheus binary for --compare (default: prometheus on PATH)`;

const NAMES = ['endpoint', 'protocol', 'sessions', 'concurrent', 'session-sec', 'duration', 'fps', 'crash-share', 'seed', 'tier-interval', 'prometheus'];

/** Accepts `--name value` and `--name=value`; throws with a message for the user on bad input. */
export function parseLoadArgs(argv: readonly string[]): LoadArgs {
  const values = readLongOptions(argv, NAMES, ['compare']);
  const number = (name: string, fallback: number, min: number, max: number): number => (values.has(name) ? readNumber(`--${name}`, values.get(name), min, max) : fallback);
  const endpoint = values.get('endpoint');
  if (values.has('endpoint') && !/^https?:\/\/\S+$/.test(endpoint ?? '')) throw new Error('--endpoint needs an http:// or https:// URL');
  const protocol = values.get('protocol') ?? 'native';
  if (protocol !== 'native' && protocol !== 'otlp') throw new Error('--protocol needs native or otlp');
  const compare = values.has('compare');
  if (compare && (endpoint !== undefined || protocol !== 'native')) throw new Error('--compare uses its own endpoint and the native protocol (the deploy kit turns OTLP metrics into remote write before the tier)');
  return {
    endpoint,
    protocol,
    sessions: Math.round(number('sessions', 300, 1, 20_000)),
    concurrent: Math.round(number('concurrent', 100, 1, 5_000)),
    meanSessionSec: number('session-sec', 60, 1, 3_600),
    durationSec: number('duration', 120, 1, 3_600),
    fps: number('fps', 10, 1, 60),
    crashShare: number('crash-share', 0.1, 0, 1),
    seed: Math.round(number('seed', 1, 0, 2 ** 31)),
    compare,
    tierIntervalSec: Math.round(number('tier-interval', 30, 1, 300)),
    prometheus: values.get('prometheus'),
  };
}
