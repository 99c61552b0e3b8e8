/**
 * The benchmarks' cases, this tree against an earlier commit, side by side:
 *
 *   npm run bench:ab -- <git ref> [--runs=10] [--frames]
 *   QJS_NATIVE=/path/to/qjs npm run bench:ab -- <git ref> --engine=native [--runs=6]
 *
 * On V8 (the default) the per-call cases, and with `--frames` also the frame run at 1,000 to 10,000
 * events/s (30 simulated seconds each: p99, max, frames over 1 ms) and the bytes the frame simulation
 * allocates per event at 10,000 events/s; on native QuickJS-NG the per-call cases and the frame run.
 * Each run is a
 * fresh process (its own JIT warm-up and heap), and the runs alternate between the two trees, first
 * one then the other, so that the machine's drift lands on both. Per figure it prints the median of
 * each tree's runs, their ratio, and how often a run of this tree was the slower (0.50: no
 * difference). V8's tiering makes some cases bimodal from one process to the next (a span start + end
 * takes ~75 or ~130 ns), which one long run would hide and many short ones show. The earlier commit is
 * checked out in a temporary git worktree, removed at the end; it needs `bench/cases/engine_entry.ts`
 * with `runCalls` and `runFrames` (every commit since the benchmarks began).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, bundleForEngine } from '../tools/bundle';
import type { AbChildResult, AbFramePlan } from './ab_child';
import type { FrameResult } from './cases/frame_cases';
import { distribution } from './cases/measure';
import type { CallResult } from './cases/measure';
import { NOW, runInNativeQjs } from './engines/quickjs';
import { FULL } from './plans';

const CHILD = path.join(REPO_ROOT, 'bench/ab_child.ts');
const CALL_BUDGET = FULL.callBudget;

type Medians = ReadonlyMap<string, number>;

function git(args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Half the full run's 60 s per rate: many runs matter more here than long ones. */
const FRAME_SECONDS = 30;

const V8_FRAME_PLAN: AbFramePlan = { rates: FULL.frameRates, seconds: FRAME_SECONDS, garbageRate: Math.max(...FULL.frameRates), garbageSeconds: FULL.garbageSeconds };

function addFrameFigures(medians: Map<string, number>, frames: readonly FrameResult[]): void {
  for (const f of frames) {
    medians.set(`frames at ${f.eventsPerSecond}/s: p99 µs`, f.p99 * 1000);
    medians.set(`frames at ${f.eventsPerSecond}/s: max µs`, f.max * 1000);
    medians.set(`frames at ${f.eventsPerSecond}/s: frames over 1 ms`, f.framesOver1ms);
  }
}

function runOnceV8(root: string, frames: boolean): Medians {
  const args = ['--expose-gc', '--import', 'tsx', CHILD, root, JSON.stringify(CALL_BUDGET), ...(frames ? [JSON.stringify(V8_FRAME_PLAN)] : [])];
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`benchmark run in ${root} failed: ${result.stderr.trim()}`);
  const out = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as AbChildResult;
  const medians = new Map(out.calls);
  if (out.frames !== undefined) addFrameFigures(medians, out.frames);
  if (out.garbageBytesPerEvent !== undefined) medians.set(`bytes allocated per event at ${V8_FRAME_PLAN.garbageRate}/s`, out.garbageBytesPerEvent);
  return medians;
}

/** One native `qjs` process per run, on the tree's own bundle of its cases and core. */
function runOnceNative(qjs: string, bundleCode: string): Medians {
  const out = runInNativeQjs<{ calls: CallResult[]; frames: FrameResult[] }>(
    qjs,
    bundleCode,
    `({ calls: b.runCalls(${NOW}, ${JSON.stringify(CALL_BUDGET)}), frames: b.runFrames(${NOW}, ${JSON.stringify(FULL.frameRates)}, ${FRAME_SECONDS}) })`,
  );
  const medians = new Map(out.calls.map((c) => [c.name, c.median] as const));
  addFrameFigures(medians, out.frames);
  return medians;
}

/** The share of (head run, base run) pairs in which the head run was slower; ties count half. */
function slowerShare(head: readonly number[], base: readonly number[]): number {
  let slower = 0;
  for (const h of head) for (const b of base) slower += h > b ? 1 : h === b ? 0.5 : 0;
  return slower / (head.length * base.length);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const ref = args.find((a) => !a.startsWith('--'));
  if (ref === undefined) throw new Error('usage: npm run bench:ab -- <git ref> [--runs=10] [--frames] [--engine=native]');
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 10);
  const native = args.includes('--engine=native');
  const frames = args.includes('--frames');
  const qjs = process.env['QJS_NATIVE'];
  if (native && (qjs === undefined || qjs === '')) throw new Error('--engine=native needs QJS_NATIVE=/path/to/qjs');
  const base = git(['rev-parse', '--short', ref]);
  const head = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const worktree = path.join(mkdtempSync(path.join(os.tmpdir(), 'gt-ab-')), base);
  git(['worktree', 'add', '--detach', worktree, base]);
  try {
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(worktree, 'node_modules'));
    const roots = { head: REPO_ROOT, base: worktree };
    const entry = (root: string): string => path.join(root, 'bench/cases/engine_entry.ts');
    const bundles = native ? { head: (await bundleForEngine(entry(REPO_ROOT))).code, base: (await bundleForEngine(entry(worktree))).code } : undefined;
    const samples = { head: new Map<string, number[]>(), base: new Map<string, number[]>() };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
      for (const side of order) {
        const medians = bundles !== undefined ? runOnceNative(qjs as string, bundles[side]) : runOnceV8(roots[side], frames);
        for (const [name, value] of medians) {
          const list = samples[side].get(name) ?? [];
          list.push(value);
          samples[side].set(name, list);
        }
      }
      console.error(`run ${i + 1} of ${runs} done`);
    }
    const engine = native ? `native QuickJS-NG (${qjs})` : `V8 ${process.versions.v8}`;
    console.log(`${engine}, ${runs} runs of each tree, alternating; per call: ns, the median of the runs' medians; frames: the median of the runs' figures.\n`);
    console.log(`| Case | ${base} | ${head}${dirty ? ' + changes' : ''} | ratio | share of run pairs where ${head} was slower |`);
    console.log('|---|---|---|---|---|');
    for (const [name, headValues] of samples.head) {
      const baseValues = samples.base.get(name);
      if (baseValues === undefined) continue;
      const b = distribution(baseValues).median;
      const h = distribution(headValues).median;
      const ratio = b === 0 ? (h === 0 ? '1.00' : '—') : (h / b).toFixed(2);
      console.log(`| ${name} | ${b.toFixed(1)} | ${h.toFixed(1)} | ${ratio} | ${slowerShare(headValues, baseValues).toFixed(2)} |`);
    }
  } finally {
    git(['worktree', 'remove', '--force', worktree]);
    rmSync(path.dirname(worktree), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
