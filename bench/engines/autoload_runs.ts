/**
 * Runs the autoload benchmark (bench/cases/autoload_entry.ts, bundled with the addon and the Godot
 * double) in V8 (this Node process) and in QuickJS-NG (WASM), the same bundle in both. On V8 it also
 * collects the evidence for the frame tails: which of the slowest frames overlapped a garbage
 * collection (Node's `gc` performance entries share performance.now's time base), and the heap bytes
 * one call leaves behind.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, bundleForEngine } from '../../tools/bundle';
import { createEngineContext } from '../../tools/quickjs_host';
import type { Crossings } from '../cases/autoload_cases';
import type { AutoloadFrameResult } from '../cases/autoload_frames';
import type * as Entry from '../cases/autoload_entry';
import type { AutoloadSpecInfo } from '../cases/autoload_entry';
import type { Budget, CallResult } from '../cases/measure';
import { collect, processCpuMs, withGcEvidence } from './gc_overlaps';
import type { GcOverlap } from './gc_overlaps';
import { NOW, runInNativeQjs } from './quickjs';

export interface AutoloadReport {
  readonly label: string;
  readonly specs: readonly AutoloadSpecInfo[];
  readonly calls: readonly CallResult[];
  readonly crossings: readonly Crossings[];
  readonly frames: readonly AutoloadFrameResult[];
  /** V8 only. */
  readonly gc?: readonly GcOverlap[];
  /** V8 only: heap bytes per call (queued data included), by case. */
  readonly heapBytesPerCall?: Readonly<Record<string, number>>;
}

export interface AutoloadPlan {
  readonly callBudget: Budget;
  readonly frameRates: readonly number[];
  readonly frameSeconds: number;
}

const ENTRY = path.join(REPO_ROOT, 'bench/cases/autoload_entry.ts');
const SHIMS = path.join(REPO_ROOT, 'bench/godot/node_shims');
const ALIAS = {
  godot: path.join(REPO_ROOT, 'bench/godot/bench_godot.ts'),
  'godot-jsb': path.join(REPO_ROOT, 'tests/godot_double/godot_jsb.ts'),
  'node:perf_hooks': path.join(SHIMS, 'perf_hooks.ts'),
  'node:crypto': path.join(SHIMS, 'crypto.ts'),
  'node:http': path.join(SHIMS, 'http.ts'),
};

function bundle(): Promise<string> {
  return bundleForEngine(ENTRY, [], ALIAS).then((b) => b.code);
}

export async function runAutoloadV8(plan: AutoloadPlan, log: (line: string) => void): Promise<AutoloadReport> {
  const module = { exports: {} as typeof Entry };
  const noRequire = (name: string): never => {
    throw new Error(`no module ${name}`);
  };
  new Function('module', 'exports', 'require', await bundle())(module, module.exports, noRequire);
  const b = module.exports;
  const now = (): number => performance.now();
  const calls = b.runAutoloadCalls(now, plan.callBudget);
  for (const c of calls) log(`  V8 autoload ${c.name}: ${c.median.toFixed(0)} ns`);
  const heapBytesPerCall: Record<string, number> = {};
  for (const name of b.autoloadCaseNames()) {
    const probe = b.autoloadProbe(name);
    probe(200);
    collect();
    const before = process.memoryUsage().heapUsed;
    probe(1000);
    heapBytesPerCall[name] = Math.round((process.memoryUsage().heapUsed - before) / 1000);
  }
  const gc: GcOverlap[] = [];
  const frames: AutoloadFrameResult[] = [];
  for (const rate of plan.frameRates) {
    collect();
    const { result, gc: overlap } = await withGcEvidence(rate, () => {
      const [frame] = b.runAutoloadFrames(now, [rate], plan.frameSeconds, processCpuMs);
      if (frame === undefined) throw new Error('no frame result');
      return frame;
    });
    frames.push(result);
    gc.push(overlap);
    log(`  V8 autoload frames @ ${rate}/s: p99 ${(result.p99 * 1000).toFixed(0)} µs, max ${(result.max * 1000).toFixed(0)} µs`);
  }
  return { label: 'V8', specs: b.autoloadSpecs(), calls, crossings: b.autoloadCrossings(), frames, gc, heapBytesPerCall };
}

/** The same bundle in a native QuickJS-NG `qjs` (QJS_NATIVE), one process for the whole run. */
export async function runAutoloadQuickJsNative(qjs: string, plan: AutoloadPlan, log: (line: string) => void): Promise<AutoloadReport> {
  const out = runInNativeQjs<Omit<AutoloadReport, 'label'>>(
    qjs,
    await bundle(),
    `({ specs: b.autoloadSpecs(), calls: b.runAutoloadCalls(${NOW}, ${JSON.stringify(plan.callBudget)}), crossings: b.autoloadCrossings(), frames: b.runAutoloadFrames(${NOW}, ${JSON.stringify(plan.frameRates)}, ${plan.frameSeconds}) })`,
  );
  log(`  native QuickJS autoload done (${out.calls.length} call cases)`);
  return { label: 'QuickJS (native)', ...out };
}

export async function runAutoloadQuickJs(plan: AutoloadPlan, log: (line: string) => void): Promise<AutoloadReport> {
  const ctx = await createEngineContext();
  try {
    ctx.define('autoload', await bundle());
    const call = <T>(expression: string): T => JSON.parse(ctx.evaluate<string>(`JSON.stringify(require('autoload').${expression})`)) as T;
    const calls: CallResult[] = [];
    for (const name of call<string[]>('autoloadCaseNames()')) {
      const results = call<CallResult[]>(`runAutoloadCalls(${NOW}, ${JSON.stringify(plan.callBudget)}, ${JSON.stringify([name])})`);
      calls.push(...results);
      for (const c of results) log(`  QuickJS autoload ${c.name}: ${c.median.toFixed(0)} ns`);
    }
    const frames = plan.frameRates.map((rate) => {
      const [result] = call<AutoloadFrameResult[]>(`runAutoloadFrames(${NOW}, ${JSON.stringify([rate])}, ${plan.frameSeconds})`);
      if (result === undefined) throw new Error('no frame result');
      log(`  QuickJS autoload frames @ ${rate}/s: p99 ${(result.p99 * 1000).toFixed(0)} µs, max ${(result.max * 1000).toFixed(0)} µs`);
      return result;
    });
    return { label: 'QuickJS (WASM)', specs: call<AutoloadSpecInfo[]>('autoloadSpecs()'), calls, crossings: call<Crossings[]>('autoloadCrossings()'), frames };
  } finally {
    ctx.dispose();
  }
}
