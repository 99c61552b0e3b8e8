/**
 * One run of `npm run bench:ab`: the per-call cases of the tree at argv[2], in this fresh process,
 * printed as JSON pairs of case name and median ns per call.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CallResult } from './cases/measure';

interface EngineEntry {
  runCalls(now: () => number, budget: { warmupMs: number; runMs: number; maxSamples: number }): CallResult[];
}

async function main(root: string | undefined): Promise<void> {
  if (root === undefined) throw new Error('usage: ab_child.ts <tree root>');
  const entry = (await import(pathToFileURL(path.join(root, 'bench/cases/engine_entry.ts')).href)) as EngineEntry;
  // The full benchmark's per-call budget (bench/run.ts).
  const results = entry.runCalls(() => performance.now(), { warmupMs: 300, runMs: 1200, maxSamples: 50_000 });
  console.log(JSON.stringify(results.map((r) => [r.name, r.median])));
}

void main(process.argv[2]);
