/**
 * One run of `npm run bench:ab` on V8: the per-call cases of the tree at argv[2], with the budget in
 * argv[3] (JSON), in this fresh process, printed as JSON pairs of case name and median ns per call.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EngineEntry from './cases/engine_entry';
import type { Budget } from './cases/measure';

async function main(root: string | undefined, budget: string | undefined): Promise<void> {
  if (root === undefined || budget === undefined) throw new Error('usage: ab_child.ts <tree root> <budget JSON>');
  const entry = (await import(pathToFileURL(path.join(root, 'bench/cases/engine_entry.ts')).href)) as typeof EngineEntry;
  const results = entry.runCalls(() => performance.now(), JSON.parse(budget) as Budget);
  console.log(JSON.stringify(results.map((r) => [r.name, r.median])));
}

void main(process.argv[2], process.argv[3]);
