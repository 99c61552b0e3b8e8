/**
 * `npm run bench`: the benchmarks of the performance issue, in one process, on V8 and on QuickJS-NG,
 * printed and written to docs/benchmarks.md.
 *
 *   npm run bench                          V8 + QuickJS-NG (WASM), writes docs/benchmarks.md
 *   QJS_NATIVE=/path/to/qjs npm run bench  also a native QuickJS-NG build (how to build one: the doc)
 *   npm run bench -- --quick               shorter budgets, nothing written (a smoke run)
 *   npm run bench -- --engines=v8          only some engines (v8, wasm, native)
 *   npm run bench -- --render              rewrites docs/benchmarks.md from the last full run's figures
 *                                          (kept in .cache/bench/last_run.json) and the current analysis
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../tools/bundle';
import { runAutoloadQuickJs, runAutoloadQuickJsNative, runAutoloadV8 } from './engines/autoload_runs';
import type { AutoloadReport } from './engines/autoload_runs';
import { QUICKJS_WASM_VERSION, runQuickJsNative, runQuickJsWasm } from './engines/quickjs';
import type { EngineReport } from './engines/types';
import { runV8 } from './engines/v8';
import { consoleSummary, renderMarkdown } from './report';
import { renderAutoload } from './report_autoload';
import { FULL, FULL_AUTOLOAD, QUICK, QUICK_AUTOLOAD } from './plans';

function packageVersion(name: string): string {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function environment(command: string): { date: string; machine: string; versions: string[]; command: string } {
  const cpus = os.cpus();
  const peers = ['pino', 'prom-client', '@opentelemetry/api', '@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-metrics', '@opentelemetry/otlp-transformer'];
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()} ${os.arch()}`,
    versions: [
      `Node ${process.versions.node}, V8 ${process.versions.v8}`,
      QUICKJS_WASM_VERSION,
      `Codecs: protobufjs ${packageVersion('protobufjs')}, snappyjs ${packageVersion('snappyjs')}`,
      `Peers: ${peers.map((p) => `${p} ${packageVersion(p)}`).join(', ')}`,
    ],
    command,
  };
}

const LAST_RUN = path.join(REPO_ROOT, '.cache/bench/last_run.json');

interface SavedRun {
  readonly reports: EngineReport[];
  readonly autoload: AutoloadReport[];
  readonly env: ReturnType<typeof environment>;
}

function writeDoc(run: SavedRun): void {
  const analysis = readFileSync(path.join(REPO_ROOT, 'bench/analysis.md'), 'utf8');
  const doc = path.join(REPO_ROOT, 'docs/benchmarks.md');
  writeFileSync(doc, renderMarkdown(run.reports, run.env, analysis, renderAutoload(run.autoload)));
  console.log(`written ${path.relative(REPO_ROOT, doc)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--render')) {
    writeDoc(JSON.parse(readFileSync(LAST_RUN, 'utf8')) as SavedRun);
    return;
  }
  const quick = args.includes('--quick');
  const enginesArg = args.find((a) => a.startsWith('--engines='))?.slice('--engines='.length);
  const engines = new Set((enginesArg ?? 'v8,wasm,native').split(','));
  const plan = quick ? QUICK : FULL;
  const log = (line: string): void => console.log(line);
  const reports: EngineReport[] = [];
  if (engines.has('v8')) {
    log('V8 (this Node process)…');
    reports.push(await runV8(plan, log));
  }
  const native = process.env['QJS_NATIVE'];
  if (engines.has('native') && native !== undefined && native !== '') {
    log(`QuickJS-NG native (${native})…`);
    const report = await runQuickJsNative(native, plan, log);
    if (report !== undefined) reports.push(report);
  }
  if (engines.has('wasm')) {
    log('QuickJS-NG (WASM)…');
    reports.push(await runQuickJsWasm(plan, log));
  }
  const autoloadPlan = quick ? QUICK_AUTOLOAD : FULL_AUTOLOAD;
  const autoload: AutoloadReport[] = [];
  if (engines.has('v8')) {
    log('Autoload through the Godot double, V8…');
    autoload.push(await runAutoloadV8(autoloadPlan, log));
  }
  if (engines.has('native') && native !== undefined && native !== '') {
    log('Autoload through the Godot double, QuickJS-NG native…');
    autoload.push(await runAutoloadQuickJsNative(native, autoloadPlan, log));
  }
  if (engines.has('wasm')) {
    log('Autoload through the Godot double, QuickJS-NG (WASM)…');
    autoload.push(await runAutoloadQuickJs(autoloadPlan, log));
  }
  console.log(`\n${consoleSummary(reports)}\n`);
  console.log(renderAutoload(autoload).join('\n'));
  if (quick || enginesArg !== undefined) {
    console.log('(partial or quick run: docs/benchmarks.md not written)');
    return;
  }
  const command = `${native ? `QJS_NATIVE=${native} ` : ''}npm run bench`;
  const run: SavedRun = { reports, autoload, env: environment(command) };
  mkdirSync(path.dirname(LAST_RUN), { recursive: true });
  writeFileSync(LAST_RUN, JSON.stringify(run));
  writeDoc(run);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
