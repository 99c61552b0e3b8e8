/**
 * The per-call cases on V8, this tree against an earlier commit, side by side:
 *
 *   npm run bench:ab -- <git ref> [--runs=10]
 *
 * Each run is a fresh Node process (its own JIT warm-up and heap), and the runs alternate between the
 * two trees, first one then the other, so that the machine's drift lands on both. Per case it prints
 * the median of each tree's run medians, their ratio, and how often a run of this tree was slower than
 * a run of the other (0.50: no difference). V8's tiering makes some cases bimodal from one process to
 * the next (a span start + end takes ~75 or ~130 ns), which one long run would hide and many short
 * ones show. The earlier commit is checked out in a temporary git worktree, removed at the end; it
 * needs `bench/cases/engine_entry.ts` with `runCalls` (every commit since the benchmarks began).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../tools/bundle';

const CHILD = path.join(REPO_ROOT, 'bench/ab_child.ts');

type Medians = ReadonlyMap<string, number>;

function git(args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function runOnce(root: string): Medians {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, root], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`benchmark run in ${root} failed: ${result.stderr.trim()}`);
  return new Map(JSON.parse(result.stdout.trim().split('\n').pop() ?? '[]') as [string, number][]);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The share of (head run, base run) pairs in which the head run was slower; ties count half. */
function slowerShare(head: readonly number[], base: readonly number[]): number {
  let slower = 0;
  for (const h of head) for (const b of base) slower += h > b ? 1 : h === b ? 0.5 : 0;
  return slower / (head.length * base.length);
}

function main(): void {
  const args = process.argv.slice(2);
  const ref = args.find((a) => !a.startsWith('--'));
  if (ref === undefined) throw new Error('usage: npm run bench:ab -- <git ref> [--runs=10]');
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 10);
  const base = git(['rev-parse', '--short', ref]);
  const head = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const worktree = path.join(mkdtempSync(path.join(os.tmpdir(), 'gt-ab-')), base);
  git(['worktree', 'add', '--detach', worktree, base]);
  try {
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(worktree, 'node_modules'));
    const samples = { head: new Map<string, number[]>(), base: new Map<string, number[]>() };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
      for (const side of order) {
        for (const [name, value] of runOnce(side === 'head' ? REPO_ROOT : worktree)) {
          const list = samples[side].get(name) ?? [];
          list.push(value);
          samples[side].set(name, list);
        }
      }
      console.error(`run ${i + 1} of ${runs} done`);
    }
    console.log(`V8 ${process.versions.v8}, ${runs} runs of each tree, alternating; ns per call, median of the runs' medians.\n`);
    console.log(`| Case | ${base} | ${head}${dirty ? ' + changes' : ''} | ratio | share of run pairs where ${head} was slower |`);
    console.log('|---|---|---|---|---|');
    for (const [name, headValues] of samples.head) {
      const baseValues = samples.base.get(name);
      if (baseValues === undefined) continue;
      const b = median(baseValues);
      const h = median(headValues);
      console.log(`| ${name} | ${b.toFixed(1)} | ${h.toFixed(1)} | ${(h / b).toFixed(2)} | ${slowerShare(headValues, baseValues).toFixed(2)} |`);
    }
  } finally {
    git(['worktree', 'remove', '--force', worktree]);
    rmSync(path.dirname(worktree), { recursive: true, force: true });
  }
}

main();
