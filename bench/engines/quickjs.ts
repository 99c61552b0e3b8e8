/**
 * The QuickJS runs: the engine-neutral cases bundled with the core (tools/bundle.ts) and evaluated
 *
 * - in QuickJS-NG compiled to WebAssembly (quickjs-emscripten), always; this is the QuickJS-NG engine
 *   GodotJS uses, interpreted by a WASM build of it, so slower than the native one in the game;
 * - in a native QuickJS-NG `qjs` binary when QJS_NATIVE points at one (for calibration; see the doc).
 *
 * Timing inside QuickJS uses QuickJS-NG's own `performance.now()`; the core never sees it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_DIR, REPO_ROOT, bundleForEngine } from '../../tools/bundle';
import { createEngineContext } from '../../tools/quickjs_host';
import type { FlushResult } from '../cases/flush_cases';
import type { FrameResult } from '../cases/frame_cases';
import type { CallResult } from '../cases/measure';
import type { QueuedKind } from '../cases/memory_cases';
import { measureMemory } from './memory';
import type { EngineReport, RunPlan } from './types';

const ENTRY = path.join(REPO_ROOT, 'bench/cases/engine_entry.ts');
/** QuickJS-NG's own clock, as an expression evaluated inside the engine. */
export const NOW = '() => performance.now()';

const VARIANT = '@jitl/quickjs-ng-wasmfile-release-sync';
const variantVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', VARIANT, 'package.json'), 'utf8')) as { version: string }).version;
/** The variant's README names the QuickJS-NG release it vendors (0.12.1 for 0.32.0). */
export const QUICKJS_WASM_VERSION = `QuickJS-NG 0.12.1 (WASM, ${VARIANT} ${variantVersion})`;

export async function runQuickJsWasm(plan: RunPlan, log: (line: string) => void): Promise<EngineReport> {
  const started = Date.now();
  const { code } = await bundleForEngine(ENTRY);
  const ctx = await createEngineContext();
  try {
    ctx.define('bench', code);
    const call = <T>(expression: string): T => JSON.parse(ctx.evaluate<string>(`JSON.stringify(require('bench').${expression})`)) as T;
    const calls: CallResult[] = [];
    const names = JSON.parse(ctx.evaluate<string>(`JSON.stringify(require('bench').engineCallCases().map((c) => c.name))`)) as string[];
    for (const name of names) {
      // One case per evaluation, each with fresh state, so that a long run does not starve the host.
      const [result] = call<CallResult[]>(`runCalls(${NOW}, ${JSON.stringify(plan.callBudget)}, ${JSON.stringify([name])})`);
      if (result !== undefined) calls.push(result);
      log(`  QuickJS ${name}: ${result?.median.toFixed(1)} ns`);
    }
    const flushes = call<FlushResult[]>(`runFlushes(${NOW}, ${JSON.stringify(plan.flushBudget)})`);
    log(`  QuickJS flushes: ${flushes.map((f) => `${f.median.toFixed(0)} µs`).join(', ')}`);
    const frames = call<FrameResult[]>(`runFrames(${NOW}, ${JSON.stringify(plan.frameRates)}, ${plan.frameSeconds})`);
    const step = (js: string): void => void ctx.evaluate(`require('bench').memory.${js}; 0`);
    const memoryResult = plan.memorySeconds > 0
      ? measureMemory({
        reset: () => step('reset()'),
        queue: (kind: QueuedKind, n: number) => step(`queue(${JSON.stringify(kind)}, ${n})`),
        drain: () => step('drain()'),
        startLongRun: () => step('startLongRun()'),
        runFrames: (f: number, eps: number) => step(`runFrames(${f}, ${eps})`),
        heap: () => ctx.memoryUsed(),
      }, plan.memorySeconds)
      : undefined;
    return { label: 'QuickJS (WASM)', engine: QUICKJS_WASM_VERSION, calls, flushes, frames, memory: memoryResult, seconds: (Date.now() - started) / 1000 };
  } finally {
    ctx.dispose();
  }
}

/** Runs the same cases in a native `qjs` (QuickJS-NG's own shell, which has console, print and performance). */
export async function runQuickJsNative(qjs: string, plan: RunPlan, log: (line: string) => void): Promise<EngineReport | undefined> {
  const version = spawnSync(qjs, ['-e', 'print(typeof navigator === "object" ? navigator.userAgent : "qjs")'], { encoding: 'utf8' });
  if (version.status !== 0) {
    log(`  QJS_NATIVE=${qjs} does not run; native QuickJS skipped`);
    return undefined;
  }
  const started = Date.now();
  const { code } = await bundleForEngine(ENTRY);
  const out = runInNativeQjs<Pick<EngineReport, 'calls' | 'flushes' | 'frames'>>(
    qjs,
    code,
    `({ calls: b.runCalls(${NOW}, ${JSON.stringify(plan.callBudget)}), flushes: b.runFlushes(${NOW}, ${JSON.stringify(plan.flushBudget)}), frames: b.runFrames(${NOW}, ${JSON.stringify(plan.frameRates)}, ${plan.frameSeconds}) })`,
  );
  log(`  native QuickJS done (${out.calls.length} call cases)`);
  return { label: 'QuickJS (native)', engine: `QuickJS-NG ${version.stdout.trim()} (native qjs)`, ...out, seconds: (Date.now() - started) / 1000 };
}

/**
 * Evaluates `expression` (the bundle's exports are `b`) in a fresh native `qjs` process and returns
 * its value, which must survive JSON.
 */
export function runInNativeQjs<T>(qjs: string, bundleCode: string, expression: string): T {
  const driver = [
    'var module = { exports: {} };',
    `(function (module, exports, require) {\n${bundleCode}\n})(module, module.exports, function (n) { throw new Error('no module ' + n); });`,
    'var b = module.exports;',
    `print(JSON.stringify(${expression}));`,
  ].join('\n');
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const file = path.join(BUNDLE_DIR, 'bench_native_qjs.js');
  writeFileSync(file, driver);
  const run = spawnSync(qjs, [file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`native qjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
