/**
 * Renders the runs as markdown tables (docs/benchmarks.md) and a compact console table. Verdicts on
 * the targets are computed here; the explanations live in bench/analysis.md, written by hand and
 * included verbatim.
 */
import type { FlushResult } from './cases/flush_cases';
import type { FrameResult } from './cases/frame_cases';
import type { CallResult } from './cases/measure';
import type { GcOverlap } from './engines/gc_overlaps';
import type { EngineReport } from './engines/types';
import { CALL_TARGETS, CONTEXT_CASES, FLUSH_TARGET, FRAME_TARGET_MS } from './targets';

export interface Environment {
  readonly date: string;
  readonly machine: string;
  readonly versions: readonly string[];
  readonly command: string;
}

const f = (n: number | undefined, digits = 0): string => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
/** Adaptive precision: three significant digits, at most one decimal. */
const ns = (n: number | undefined): string => (n === undefined ? '—' : n < 100 ? f(n, 1) : f(n, 0));
const mark = (ok: boolean | undefined): string => (ok === undefined ? '—' : ok ? '✅' : '❌');

function find<T extends { name: string }>(list: readonly T[] | undefined, name: string): T | undefined {
  return list?.find((x) => x.name === name);
}

/** The QuickJS run that budgets are judged on: native if present, else WASM. */
export function judgeEngine(reports: readonly EngineReport[]): EngineReport | undefined {
  return reports.find((r) => r.label === 'QuickJS (native)') ?? reports.find((r) => r.label === 'QuickJS (WASM)');
}

function callTable(reports: readonly EngineReport[]): string[] {
  const v8 = reports.find((r) => r.label === 'V8');
  const judged = judgeEngine(reports);
  const head = ['Case', ...reports.flatMap((r) => [`${r.label} median`, `${r.label} p99`]), `Target V8 [QuickJS]`, 'V8', 'QuickJS'];
  const rows: string[][] = [];
  const row = (name: string, target?: (typeof CALL_TARGETS)[number]): void => {
    const cells = reports.flatMap((r) => {
      const c = find(r.calls, name);
      return [ns(c?.median), ns(c?.p99)];
    });
    if (target === undefined) {
      rows.push([name, ...cells, '', '', '']);
      return;
    }
    const v8Median = find(v8?.calls, name)?.median;
    const qjsMedian = find(judged?.calls, name)?.median;
    let v8Ok = v8Median === undefined ? undefined : v8Median <= target.v8Ns;
    if (v8Ok !== undefined && target.cheaperThan !== undefined) {
      const peer = find(v8?.calls, target.cheaperThan.peer)?.median;
      if (peer !== undefined && v8Median !== undefined) v8Ok = v8Ok && peer / v8Median >= target.cheaperThan.factor;
    }
    const budget = `≤ ${target.v8Ns} [≤ ${target.quickjsNs}]${target.cheaperThan ? `, ≥ ${target.cheaperThan.factor}× cheaper than OTel` : ''}`;
    rows.push([`**${name}**`, ...cells, budget, mark(v8Ok), mark(qjsMedian === undefined ? undefined : qjsMedian <= target.quickjsNs)]);
    for (const peer of target.peers) rows.push([`  ↳ ${peer}`, ...reports.flatMap((r) => [ns(find(r.calls, peer)?.median), ns(find(r.calls, peer)?.p99)]), '', '', '']);
  };
  for (const name of CONTEXT_CASES) row(name);
  for (const target of CALL_TARGETS) row(target.case, target);
  const other = (v8?.calls ?? []).filter((c) => !CONTEXT_CASES.includes(c.name) && !CALL_TARGETS.some((t) => t.case === c.name || t.peers.includes(c.name)));
  for (const c of other) row(c.name);
  return table(head, rows);
}

function ratioTable(reports: readonly EngineReport[]): string[] {
  const v8 = reports.find((r) => r.label === 'V8');
  if (v8 === undefined) return [];
  const rows: string[][] = [];
  for (const target of CALL_TARGETS) {
    const own = find(v8.calls, target.case);
    for (const peer of target.peers) {
      const other = find(v8.calls, peer);
      if (own === undefined || other === undefined) continue;
      rows.push([target.case, peer, ns(own.median), ns(other.median), `${f(other.median / own.median, 1)}×`]);
    }
  }
  const floor = find(v8.calls, 'floor: ring-buffer write');
  return table(['GameTracker (V8)', 'Peer (V8)', 'GT ns', 'Peer ns', 'Peer ÷ GT'], rows).concat(
    floor ? ['', `Floor (a write into a preallocated ring buffer): ${ns(floor.median)} ns on V8.`] : [],
  );
}

function flushTable(reports: readonly EngineReport[]): string[] {
  const judged = judgeEngine(reports);
  const names = [...new Set(reports.flatMap((r) => r.flushes.map((x) => x.name)))];
  const head = ['Flush of 100 items', ...reports.flatMap((r) => [`${r.label} median µs`, `${r.label} p99 µs`, `${r.label} max µs`]), 'Bytes/item on the wire', `≤ ${FLUSH_TARGET.v8Us} µs V8`, `≤ ${FLUSH_TARGET.quickjsUs} µs QuickJS`];
  const rows = names.map((name) => {
    const v8 = find(reports.find((r) => r.label === 'V8')?.flushes, name);
    const q = find(judged?.flushes, name);
    const ours = !name.startsWith('otlp-transformer');
    // Bytes differ between engines only where a slow engine slices its snappy pass (worse ratio).
    const bytes = [...new Set(reports.map((r) => find(r.flushes, name)).filter((x): x is FlushResult => x !== undefined).map((x) => f(x.bytesPerItem, 1)))];
    const perEngine = reports.map((r) => `${r.label} ${f(find(r.flushes, name)?.bytesPerItem, 1)}`).join(', ');
    const ticks = reports.map((r) => find(r.flushes, name)?.ticksPerPush).some((t) => t !== undefined)
      ? ` (ticks per push: ${reports.map((r) => `${r.label} ${f(find(r.flushes, name)?.ticksPerPush, 1)}`).join(', ')})`
      : '';
    return [
      `${name}${ticks}`,
      ...reports.flatMap((r) => {
        const x = find(r.flushes, name);
        return [f(x?.median), f(x?.p99), f(x?.max)];
      }),
      bytes.length <= 1 ? (bytes[0] ?? '—') : perEngine,
      ours ? mark(v8 && v8.median <= FLUSH_TARGET.v8Us) : '',
      ours ? mark(q && q.median <= FLUSH_TARGET.quickjsUs) : '',
    ];
  });
  return table(head, rows);
}

function frameTable(reports: readonly EngineReport[]): string[] {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const fr of r.frames) {
      rows.push([r.label, String(fr.eventsPerSecond), f(fr.median * 1000), f(fr.p99 * 1000), f(fr.max * 1000), `${fr.framesOver1ms} / ${fr.frames}`, String(fr.requests), String(fr.dropped), mark(fr.max <= FRAME_TARGET_MS)]);
    }
  }
  return table(['Engine', 'Events/s', 'Median µs/frame', 'p99 µs', 'Max µs', 'Frames > 1 ms', 'Requests', 'Dropped', 'Max ≤ 1 ms'], rows);
}

/**
 * The slowest frames of each run and what they did: when (seconds into the run: early ones are the
 * engine still compiling), whether they sent (a batch encoded in that frame), and on V8 the garbage
 * collections they overlapped (Node's `gc` performance entries).
 */
export function slowFramesTable(reports: readonly { readonly label: string; readonly frames: readonly FrameResult[]; readonly gc?: readonly GcOverlap[] }[]): string[] {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const fr of r.frames) {
      const gc = r.gc?.find((g) => g.eventsPerSecond === fr.eventsPerSecond);
      const collections = gc === undefined ? 'not observed' : Object.entries(gc.collections).map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none';
      const frames = fr.slowest.map((sf, i) => {
        const cpu = sf.cpuMs === undefined ? '' : `CPU ${f(sf.cpuMs, 1)} ms`;
        const notes = [`${f(sf.atSeconds, 1)} s`, cpu, sf.requests > 0 ? `${sf.requests} sent` : '', gc?.frames[i] ?? ''].filter((n) => n !== '');
        return `${f(sf.ms * 1000)} µs (${notes.join('; ')})`;
      });
      rows.push([r.label, String(fr.eventsPerSecond), collections, frames.join(', ')]);
    }
  }
  return table(['Engine', 'Events/s', 'Collections during the run', 'Slowest frames (when; process CPU time in the frame; requests started; collections overlapped)'], rows);
}

/** V8's allocation per event in the frame run (garbage included), with the sites that allocate most. */
function garbageTable(reports: readonly EngineReport[]): string[] {
  const rows: string[][] = [];
  for (const r of reports) {
    if (r.garbage === undefined) continue;
    rows.push([`${r.label}, ${r.garbage.eventsPerSecond} events/s: all`, f(r.garbage.bytesPerEvent)]);
    for (const site of r.garbage.sites) rows.push([`  ↳ ${site.site}`, f(site.bytesPerEvent)]);
  }
  if (rows.length === 0) return [];
  return [...table(['Bytes allocated per event in the frame run (sampling heap profiler, collected objects included)', 'Bytes/event'], rows), ''];
}

function memoryTable(reports: readonly EngineReport[]): string[] {
  const withMemory = reports.filter((r) => r.memory !== undefined);
  if (withMemory.length === 0) return ['(not measured in this run)'];
  const kinds = ['log', 'log_with_fields', 'span', 'series'] as const;
  const label = { log: 'queued log line (message only)', log_with_fields: 'queued log line (3 fields)', span: 'queued span (1 attribute)', series: 'metric series (1 label)' };
  const rows: string[][] = kinds.map((k) => [`bytes per ${label[k]}`, ...withMemory.map((r) => f(r.memory?.perItem[k]))]);
  rows.push(['heap over the long run (KiB, every 10 s)', ...withMemory.map((r) => (r.memory?.longRun ?? []).map((b) => f(b / 1024)).join(' → '))]);
  rows.push(['heap growth (bytes per simulated minute, least squares)', ...withMemory.map((r) => f(r.memory?.growthPerMinute))]);
  return table(['Memory', ...withMemory.map((r) => r.label)], rows);
}

function calibration(reports: readonly EngineReport[]): string[] {
  const ref = (label: string): number | undefined => find(reports.find((r) => r.label === label)?.calls, 'reference loop (plain JS)')?.median;
  const v8 = ref('V8');
  const lines = reports.map((r) => {
    const own = ref(r.label);
    return `- ${r.label} (${r.engine}): reference loop ${ns(own)} ns/iteration${v8 && own ? `, ${f(own / v8, 1)}× V8` : ''}; run took ${f(r.seconds)} s.`;
  });
  const wasm = ref('QuickJS (WASM)');
  const native = ref('QuickJS (native)');
  if (wasm && native) lines.push(`- WASM ÷ native QuickJS-NG on the reference loop: ${f(wasm / native, 2)}×.`);
  return lines;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export function renderMarkdown(reports: readonly EngineReport[], env: Environment, analysis: string, autoload: readonly string[] = []): string {
  const judged = judgeEngine(reports);
  return [
    '# GameTracker benchmarks',
    '',
    `Generated by \`${env.command}\` on ${env.date}. Do not edit by hand: the tables are rewritten on every run; the analysis comes from \`bench/analysis.md\`.`,
    '',
    `- Machine: ${env.machine}`,
    ...env.versions.map((v) => `- ${v}`),
    `- QuickJS budgets judged on: ${judged?.label ?? 'no QuickJS run'}${judged?.label === 'QuickJS (WASM)' ? ' (no native qjs given: stricter than the game)' : ''}.`,
    '',
    '## Calibration',
    '',
    ...calibration(reports),
    '',
    '## Per call (ns per call; each sample is the mean of one batch of calls)',
    '',
    ...callTable(reports),
    '',
    '### GameTracker beside its peers (V8)',
    '',
    ...ratioTable(reports),
    '',
    ...(autoload.length > 0 ? [...autoload, ''] : []),
    '## Per flush (one `flush()` + `tick()` with 100 items queued: take, encode, compress, hand to the port)',
    '',
    ...flushTable(reports),
    '',
    '## Frame budget (60 fps, main-thread time per frame for the calls and the tick, flushes included)',
    '',
    ...frameTable(reports),
    '',
    ...slowFramesTable(reports),
    '',
    ...garbageTable(reports),
    '## Memory',
    '',
    ...memoryTable(reports),
    '',
    analysis.trim(),
    '',
  ].join('\n');
}

/** A short console summary: medians per engine for the per-call cases. */
export function consoleSummary(reports: readonly EngineReport[]): string {
  const names = [...new Set(reports.flatMap((r) => r.calls.map((c: CallResult) => c.name)))];
  const width = Math.max(...names.map((n) => n.length));
  const lines = [`${'case'.padEnd(width)}  ${reports.map((r) => r.label.padStart(18)).join('')}`];
  for (const name of names) lines.push(`${name.padEnd(width)}  ${reports.map((r) => `${ns(find(r.calls, name)?.median)} ns`.padStart(18)).join('')}`);
  for (const name of [...new Set(reports.flatMap((r) => r.flushes.map((x) => x.name)))]) {
    lines.push(`${name.padEnd(width)}  ${reports.map((r) => `${f(find(r.flushes, name)?.median)} µs`.padStart(18)).join('')}`);
  }
  for (const r of reports) for (const fr of r.frames) lines.push(`${r.label} frames @ ${fr.eventsPerSecond}/s: median ${f(fr.median * 1000)} µs, p99 ${f(fr.p99 * 1000)} µs, max ${f(fr.max * 1000)} µs`);
  lines.push(...slowFramesTable(reports));
  return lines.join('\n');
}
