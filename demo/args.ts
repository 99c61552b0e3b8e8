/** Command-line options of `npm run demo`. */
import type { Protocol } from '../addons/game_tracker/core/config';

export interface DemoArgs {
  /** Where to send; undefined means the receiver built into the demo. */
  readonly endpoint: string | undefined;
  readonly durationSec: number;
  readonly clients: number;
  readonly seed: number;
  /** Port of the built-in receiver (0 = any free one). */
  readonly port: number;
  /** The tracker's `protocol` option. */
  readonly protocol: Protocol;
}

export const USAGE = `Usage: npm run demo -- [--endpoint URL] [--protocol native|otlp] [--duration SECONDS] [--clients N] [--seed N] [--port N]
  --endpoint URL      send to a real Alloy (or compatible receivers) instead of the built-in receiver
  --protocol P        native (Loki push, remote write, OTLP JSON traces; default) or otlp (OTLP/HTTP protobuf for all three)
  --duration SECONDS  how long the simulated session plays (default 15)
  --clients N         simulated game clients playing at once (default 3, at most 500)
  --seed N            seed of the simulation, to repeat a run exactly (default 1)
  --port N            port of the built-in receiver on 127.0.0.1 (default 4400, 0 = any free port)`;

export function readNumber(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} needs a number from ${min} to ${max}`);
  }
  return value;
}

/**
 * `--name value` and `--name=value` pairs by name; a name in `switches` takes no value ("true").
 * Throws with a message for the user on a stray argument or an unknown name.
 */
export function readLongOptions(argv: readonly string[], names: readonly string[], switches: readonly string[] = []): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!names.includes(name) && !switches.includes(name)) throw new Error(`unknown option --${name}`);
    if (switches.includes(name)) values.set(name, 'true');
    else values.set(name, eq > 0 ? arg.slice(eq + 1) : argv[++i]);
  }
  return values;
}

/** Accepts `--name value` and `--name=value`; throws with a message for the user on bad input. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const values = readLongOptions(argv, ['endpoint', 'protocol', 'duration', 'clients', 'seed', 'port']);
  const endpoint = values.get('endpoint');
  if (values.has('endpoint') && !/^https?:\/\/\S+$/.test(endpoint ?? '')) throw new Error('--endpoint needs an http:// or https:// URL');
  const protocol = values.get('protocol') ?? 'native';
  if (protocol !== 'native' && protocol !== 'otlp') throw new Error('--protocol needs native or otlp');
  return {
    endpoint,
    durationSec: values.has('duration') ? readNumber('--duration', values.get('duration'), 1, 86_400) : 15,
    clients: values.has('clients') ? Math.round(readNumber('--clients', values.get('clients'), 1, 500)) : 3,
    seed: values.has('seed') ? Math.round(readNumber('--seed', values.get('seed'), 0, 2 ** 31)) : 1,
    port: values.has('port') ? Math.round(readNumber('--port', values.get('port'), 0, 65_535)) : 4400,
    protocol,
  };
}
