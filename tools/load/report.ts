/** What `npm run load` prints: what the clients sent, and with --compare what storing it costs. */
import { SIGNALS } from '../../addons/game_tracker/core/types';
import type { Signal } from '../../addons/game_tracker/core/types';
import type { CapacityFigures, StoreFigures, SumCheck } from './capacity';
import type { FleetReport } from './fleet';
import type { SignalTraffic } from './sink';

const MIB = 1024 * 1024;
const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const row = (cells: readonly string[]): string => `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(32) : ` ${cell.padStart(15)}`)).join('')}`;

export function renderLoad(fleet: FleetReport, traffic: Readonly<Record<Signal, SignalTraffic>> | undefined, warnings: ReadonlyMap<string, number>): string {
  const lines = [
    '',
    `Sessions: ${fleet.started} started, ${fleet.endedCleanly} quit cleanly, ${fleet.crashed} crashed; at most ${fleet.peakConcurrent} at once; ${fixed(fleet.sessionMinutes)} session-minutes in ${fixed(fleet.elapsedSec)} s`,
    row(['signal', 'produced', 'sent', 'dropped', ...(traffic ? ['requests', 'KiB', 'B/session-min'] : [])]),
  ];
  for (const signal of SIGNALS) {
    const items = fleet.items[signal];
    const wire = traffic?.[signal];
    const reasons = Object.entries(items.droppedBy).map(([reason, count]) => `${reason} ${count}`).join(', ');
    lines.push(row([signal, String(items.produced), String(items.sent), `${items.dropped}${reasons === '' ? '' : ` (${reasons})`}`, ...(wire ? [String(wire.requests), fixed(wire.bytes / 1024), fixed(wire.bytes / fleet.sessionMinutes, 0)] : [])]));
  }
  if (traffic === undefined) lines.push('  (bytes on the wire are counted by the built-in sink only)');
  for (const [message, count] of warnings) lines.push(`  warning ×${count}: ${message}`);
  return lines.join('\n');
}

export function renderCapacity(figures: CapacityFigures, fleet: FleetReport): string {
  const perThousand = 1000 / fleet.peakConcurrent;
  const store = (name: string, pick: (figures: StoreFigures) => string): string => row([name, pick(figures.raw), pick(figures.aggregated)]);
  const sums = (name: string, check: SumCheck): string[] => [
    `  ${name}: ${check.keys - check.mismatches}/${check.keys} series sums equal to what the clients counted${check.mismatches === 0 ? '' : ':'}`,
    ...check.examples.map((example) => `    ${example}`),
  ];
  return [
    '',
    `Storage, side by side (the same ${fleet.started} sessions, at most ${fleet.peakConcurrent} at once):`,
    row(['', 'raw', 'through tier']),
    store('series written (head)', (f) => String(f.headSeries)),
    store('  per session started', (f) => fixed(f.headSeries / fleet.started, 2)),
    store('samples appended / s', (f) => fixed(f.samplesPerSec)),
    store('Prometheus CPU s (whole run)', (f) => fixed(f.cpuSeconds, 2)),
    store('Prometheus resident MiB', (f) => fixed(f.residentBytes / MIB)),
    '',
    `Tier (vmagent): ${fixed(figures.tier.cpuSeconds, 2)} CPU s in ${fixed(fleet.elapsedSec)} s = ${fixed((figures.tier.cpuSeconds / fleet.elapsedSec) * perThousand, 3)} cores per 1,000 concurrent sessions; resident ${fixed(figures.tier.residentBytes / MIB)} MiB`,
    ...sums('tier', figures.tierVsClients),
    ...sums('raw (sum over sessions)', figures.rawVsClients),
  ].join('\n');
}
