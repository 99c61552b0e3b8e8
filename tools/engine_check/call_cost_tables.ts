/**
 * Reads the two markdown tables scripts/bench/call_cost.gd prints (per call, per frame) out of a
 * Godot run's output, and says which per-call targets of issue #18 the run met.
 */

export interface CallCostTables {
  /** The table lines as printed, header included; empty when the scene did not print them. */
  readonly perCall: readonly string[];
  readonly perFrame: readonly string[];
  /** Cases whose "× floor" exceeded its target, e.g. `log_info(...) all in: 7.10 > 6.0`. */
  readonly missedTargets: readonly string[];
}

export function readCallCostTables(lines: readonly string[]): CallCostTables {
  const perCall = tableStartingWith(lines, '| Call from GDScript');
  const perFrame = tableStartingWith(lines, '| Events/s');
  return { perCall, perFrame, missedTargets: missedTargets(perCall) };
}

function tableStartingWith(lines: readonly string[], header: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) return [];
  const table: string[] = [];
  for (let i = start; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) table.push(lines[i] as string);
  return table;
}

/** A ratio cell reads `2.75 (3.0)`: measured × floor, then the target in brackets. */
const RATIO_CELL = /^([\d.]+) \(([\d.]+)\)$/;

function missedTargets(perCall: readonly string[]): string[] {
  const missed: string[] = [];
  for (const row of perCall.slice(2)) {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const [label = '', , atCall = '', , allIn = ''] = cells;
    for (const [where, cell] of [['at the call', atCall], ['all in', allIn]] as const) {
      const match = RATIO_CELL.exec(cell);
      if (match !== null && Number(match[1]) > Number(match[2])) missed.push(`${label} ${where}: ${match[1]}× > ${match[2]}×`);
    }
  }
  return missed;
}
