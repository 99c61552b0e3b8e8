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
  const perCall = tableStartingWith(lines, TABLE_HEADERS[0] as string);
  const perFrame = tableStartingWith(lines, TABLE_HEADERS[1] as string);
  return { perCall, perFrame, missedTargets: missedTargets(perCall) };
}

/**
 * The header and the rows after it with as many cells, up to the next table's header. The engine's
 * own output (warnings on stderr) can land between two rows: it is skipped.
 */
function tableStartingWith(lines: readonly string[], header: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) return [];
  const cells = (line: string): number => line.split('|').length;
  const table = [lines[start] as string];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) continue;
    if (cells(line) !== cells(table[0] as string) || TABLE_HEADERS.some((other) => line.startsWith(other))) break;
    table.push(line);
  }
  return table;
}

const TABLE_HEADERS = ['| Call from GDScript', '| Events/s'];

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
