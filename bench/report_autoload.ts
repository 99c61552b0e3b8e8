/**
 * The autoload section of docs/benchmarks.md: per-call figures from GDScript through the Godot double,
 * with the native calls each makes and an estimate of its cost in a real GodotJS on QuickJS-NG; frame
 * tails through the autoload; on V8, the collections that the slowest frames overlapped.
 */
import type { AutoloadSpecInfo } from './cases/autoload_entry';
import type { CallResult } from './cases/measure';
import type { AutoloadReport } from './engines/autoload_runs';
import { slowFramesTable, table } from './report';
import { CROSSING_US, PERFORMANCE_NOW_US, WASM_OVER_NATIVE } from './targets';

const f = (n: number | undefined, digits = 0): string => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const us = (ns: number | undefined): string => (ns === undefined ? '—' : f(ns / 1000, 2));

function median(report: AutoloadReport | undefined, name: string): number | undefined {
  return report?.calls.find((c: CallResult) => c.name === name)?.median;
}

function fastest(report: AutoloadReport | undefined, name: string): number | undefined {
  return report?.calls.find((c: CallResult) => c.name === name)?.min;
}

/**
 * µs per call in the engine: the engine floor it stands on, 0.5 µs for each further native call (clock
 * reads excepted: QuickJS-NG builds read performance.now()), and our own JS: the QuickJS (WASM) time of
 * the autoload's method called directly minus that of the same native calls made alone (the double's
 * share), scaled from WASM to native QuickJS-NG. Both from their fastest batch: on a shared machine
 * the median of a ~1 µs difference between two larger figures is mostly other processes' noise.
 */
export function engineEstimateUs(spec: AutoloadSpecInfo, reports: readonly AutoloadReport[], atCall: number | undefined): number | undefined {
  if (spec.floorUs === undefined || spec.floorCrossings === undefined || atCall === undefined) return undefined;
  const { report, scale } = judged(reports);
  const direct = fastest(report, `${spec.name} [direct]`);
  const nativeOnly = fastest(report, `${spec.name} [native calls alone]`);
  if (direct === undefined || nativeOnly === undefined) return undefined;
  const clockReads = spec.clockReads ?? 0;
  const ourJsUs = Math.max(0, direct - nativeOnly) / 1000 / scale;
  return spec.floorUs + (atCall - spec.floorCrossings - clockReads) * CROSSING_US + clockReads * PERFORMANCE_NOW_US + ourJsUs;
}

/** How many times its engine floor a call costs, before (issue #12) and now (estimate). */
function floorRatios(spec: AutoloadSpecInfo, estimate: number | undefined): string {
  if (spec.floorUs === undefined || spec.engineBeforeUs === undefined || estimate === undefined) return '';
  return `${f(spec.engineBeforeUs / spec.floorUs, 1)}× → ${f(estimate / spec.floorUs, 1)}×`;
}

/** Our JS is judged on native QuickJS-NG when a native run exists, else on WASM scaled to native. */
function judged(reports: readonly AutoloadReport[]): { report: AutoloadReport | undefined; scale: number } {
  const native = reports.find((r) => r.label === 'QuickJS (native)');
  return native !== undefined ? { report: native, scale: 1 } : { report: reports.find((r) => r.label === 'QuickJS (WASM)'), scale: WASM_OVER_NATIVE };
}

function ourJs(report: AutoloadReport | undefined, name: string): string {
  const direct = fastest(report, `${name} [direct]`);
  const nativeOnly = fastest(report, `${name} [native calls alone]`);
  return direct === undefined || nativeOnly === undefined ? '' : us(direct - nativeOnly);
}

function callTable(reports: readonly AutoloadReport[]): string[] {
  const ourJsFrom = judged(reports).report;
  const specs = reports[0]?.specs ?? [];
  const crossings = reports[0]?.crossings ?? [];
  const head = [
    'Call from GDScript',
    'Native calls in the call',
    'Native calls at the hand-over',
    ...reports.flatMap((r) => [`${r.label} µs: call`, `${r.label} µs: call + tick`]),
    `${ourJsFrom?.label ?? 'QuickJS'} µs: our JS in the call (direct − native calls alone)`,
    'Engine µs before (issue #12)',
    'Engine µs now (estimate)',
    '× its floor (before → now)',
    'Target',
    '',
  ];
  const rows = specs.map((spec) => {
    const count = crossings.find((c) => c.name === spec.name);
    const estimate = engineEstimateUs(spec, reports, count?.atCall);
    return [
      spec.name,
      f(count?.atCall, 1),
      f(count?.atTick, 1),
      ...reports.flatMap((r) => [us(median(r, `${spec.name} [call]`)), us(median(r, `${spec.name} [call + tick]`))]),
      ourJs(ourJsFrom, spec.name),
      f(spec.engineBeforeUs, 2),
      f(estimate, 2),
      floorRatios(spec, estimate),
      spec.targetUs === undefined ? '' : `≤ ${spec.targetUs}`,
      spec.targetUs === undefined || estimate === undefined ? '' : estimate <= spec.targetUs ? '✅' : '❌',
    ];
  });
  return table(head, rows);
}

function frameTable(reports: readonly AutoloadReport[]): string[] {
  const rows = reports.flatMap((r) =>
    r.frames.map((fr) => [
      r.label,
      String(fr.eventsPerSecond),
      f(fr.median * 1000),
      f(fr.p99 * 1000),
      f(fr.max * 1000),
      `${fr.framesOver1ms} / ${fr.frames}`,
      f(fr.crossingsPerFrame),
      String(fr.requests),
      String(fr.dropped),
    ]),
  );
  return table(['Engine', 'Events/s', 'Median µs/frame', 'p99 µs', 'Max µs', 'Frames > 1 ms', 'Native calls per frame', 'Requests', 'Dropped'], rows);
}

function heapTable(reports: readonly AutoloadReport[]): string[] {
  const v8 = reports.find((r) => r.heapBytesPerCall !== undefined);
  if (v8?.heapBytesPerCall === undefined) return [];
  return table(['Call (V8, through the double)', 'Heap bytes per call, after the hand-over (what stays queued, and garbage not yet collected)'], Object.entries(v8.heapBytesPerCall).map(([name, bytes]) => [name, f(bytes)]));
}

export function renderAutoload(reports: readonly AutoloadReport[]): string[] {
  if (reports.length === 0) return [];
  return [
    '## From GDScript, through the autoload (Godot double)',
    '',
    `Each call is made as GodotJS delivers a GDScript call (a script method, Variant arguments, a Dictionary literal) to the autoload in the Godot double; *call + tick* adds the call's share of the frame's end (the SceneTree step: the autoload's \`_process\` and the deferred calls, where the autoload hands recorded calls to the core). *Native calls* are the double's count of crossings into the engine per API call (GDScript's call included): a count, not a time, the same on every machine. The double's methods are plain JS, so its times are not the engine's; the estimate is: the engine floor the call stands on (${'0.54 µs for a TS method, 3.7 µs for a span object, measured in a real engine'}), ${CROSSING_US} µs per further native call (clock reads: ${PERFORMANCE_NOW_US} µs, QuickJS-NG's own \`performance.now()\`), and our JS (the QuickJS time of the autoload's method called directly minus that of the same native calls made alone, fastest batches: native QuickJS-NG when the run has it, else WASM divided by ${WASM_OVER_NATIVE}). The estimate covers the call; the hand-over (its native calls × ${CROSSING_US} µs plus the core's own work, see the frame tables) runs at the end of the frame, outside the game's code.`,
    '',
    ...callTable(reports),
    '',
    '### Frames through the autoload (60 fps; calls + `_process`; the double\'s own JS included)',
    '',
    ...frameTable(reports),
    '',
    ...slowFramesTable(reports),
    '',
    ...heapTable(reports),
  ];
}
