/**
 * `npm run engine:check`: the repository's project in a real GodotJS editor.
 *
 *   GODOT=/path/to/godotjs-editor npm run engine:check [-- --skip=bench,types]
 *
 * Builds the project (tsc), imports it, runs the demo scene headless against the demo's built-in
 * receiver, runs scripts/bench/call_cost.tscn (per-call and per-frame tables), and compiles the addon
 * in a fresh game against the typings that editor generates. Prints script errors and warnings (there
 * must be none), what arrived, and the tables; exits 1 when something is wrong. Without GODOT it says
 * what it needs and exits 0 ("skipped"), as in CI, which has no engine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReceiver } from '../../demo/receiver/receiver';
import { LIVE_LIMITS, renderSummary } from '../../demo/receiver/render/summary';
import { startSink } from '../load/sink';
import { readCallCostTables } from './call_cost_tables';
import { checkGeneratedTypings } from './generated_typings';
import { problemsIn, runGodot } from './godot_process';
import type { GodotRun, Problems } from './godot_process';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_DURATION_S = 6;
const STEPS = ['demo', 'bench', 'types'] as const;
type Step = (typeof STEPS)[number];

async function main(): Promise<number> {
  const godot = process.env.GODOT;
  if (godot === undefined || godot === '') {
    console.log('engine:check skipped: set GODOT to a GodotJS editor binary (Godot 4.5+ with the GodotJS module;');
    console.log('GodotJS publishes editor builds with its releases: https://github.com/godotjs/GodotJS/releases).');
    return 0;
  }
  if (!existsSync(godot)) {
    console.error(`engine:check: GODOT=${godot} does not exist`);
    return 1;
  }
  const skipped = new Set(process.argv.slice(2).flatMap((arg) => (arg.startsWith('--skip=') ? arg.slice(7).split(',') : [])));
  const steps = STEPS.filter((step) => !skipped.has(step));
  const failures: string[] = [];

  const version = spawnSync(godot, ['--headless', '--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`# engine:check — ${version} (${godot})\n`);

  section('Build (tsc -p tsconfig.json)');
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    console.log(build.stdout + build.stderr);
    console.log('build failed: nothing else can run');
    return 1;
  }
  console.log('ok');

  section('Import (--headless --import)');
  const imported = await runGodot(godot, ['--headless', '--import', '--path', REPO_ROOT], { cwd: REPO_ROOT, timeoutS: 180 });
  failures.push(...reportProblems('import', imported, problemsIn(imported.lines)));

  for (const step of steps) failures.push(...(await RUN_STEP[step](godot)));

  section('Verdict');
  if (failures.length === 0) console.log('all good');
  for (const failure of failures) console.log(`- ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

const RUN_STEP: Record<Step, (godot: string) => Promise<string[]>> = { demo: runDemo, bench: runBench, types: runTypes };

/** The demo's main scene for a few seconds, against the demo's receiver on a free 127.0.0.1 port. */
async function runDemo(godot: string): Promise<string[]> {
  section(`Demo scene (${DEMO_DURATION_S} s, headless, built-in receiver)`);
  const receiver = await startReceiver({ port: 0 });
  try {
    const run = await runGodot(godot, ['--headless', '--path', REPO_ROOT, '--', `--endpoint=${receiver.url}`, `--duration=${DEMO_DURATION_S}`], { cwd: REPO_ROOT, timeoutS: 120 });
    const failures = reportProblems('demo', run, problemsIn(run.lines));
    const arrived = receiver.snapshot();
    console.log('');
    console.log(renderSummary(arrived, { header: ['What arrived'], limits: LIVE_LIMITS }).join('\n'));
    if (arrived.logs.total === 0 || arrived.metrics.series.length === 0 || arrived.traces.spanCount === 0) failures.push('demo: a signal arrived empty');
    if (arrived.requests.rejected > 0) failures.push(`demo: the receiver rejected ${arrived.requests.rejected} request(s)`);
    return failures;
  } finally {
    await receiver.stop();
  }
}

async function runBench(godot: string): Promise<string[]> {
  section('scripts/bench/call_cost.tscn (µs; floors from the same run; sends to a sink that answers 204)');
  // The load generator's sink: it answers at once and decodes nothing, so it takes little of the CPU
  // the engine is measured on (the demo's receiver decodes every payload).
  const sink = await startSink([]);
  let run: GodotRun;
  try {
    run = await runGodot(godot, ['--headless', '--path', REPO_ROOT, 'res://scripts/bench/call_cost.tscn', '--', `--endpoint=${sink.url}`], { cwd: REPO_ROOT, timeoutS: 600 });
  } finally {
    await sink.close();
  }
  const failures = reportProblems('bench', run, problemsIn(run.lines));
  const tables = readCallCostTables(run.lines);
  if (tables.perCall.length === 0 || tables.perFrame.length === 0) failures.push('bench: the scene did not print both tables');
  console.log(['', ...tables.perCall, '', ...tables.perFrame].join('\n'));
  // The worker design's own side: what its core took in and sent, and what that cost its thread.
  const workerReport = run.lines.find((line) => line.startsWith('worker: '));
  if (workerReport === undefined) failures.push('bench: the worker design did not report');
  else console.log(`\n${workerReport}`);
  if (tables.missedTargets.length > 0) console.log(`\nPer-call targets missed:\n${tables.missedTargets.map((line) => `  ${line}`).join('\n')}`);
  failures.push(...(await runWorkerQuit(godot)));

  failures.push(...(await runTableScene(godot, 'scripts/bench/switched_off.tscn', 'switched off (init({"enabled": false}))')));
  failures.push(...(await runTableScene(godot, 'scripts/bench/conversions.tscn', 'what reading a Dictionary costs from TS')));
  failures.push(...(await runTableScene(godot, 'scripts/bench/first_in_frame.tscn', 'what the first call into TypeScript in a frame costs', { sendsToClosedPort: true })));
  failures.push(...(await runTableScene(godot, 'scripts/bench/health_costs.tscn', 'auto capture: frame health and engine errors', { errorsExpected: true })));
  // The closed port makes every send that starts fail: its warnings are expected.
  failures.push(...(await runTableScene(godot, 'scripts/bench/privacy_check.tscn', 'consent, opt-out and before_send', { errorsExpected: true })));
  return failures;
}

/**
 * The worker design's quit (scripts/bench/worker_quit.tscn): the calls made in the frame the game
 * quits must all reach the demo's receiver through the worker's last send.
 */
async function runWorkerQuit(godot: string): Promise<string[]> {
  section("scripts/bench/worker_quit.tscn: the worker design's last send at quit (built-in receiver)");
  const receiver = await startReceiver({ port: 0 });
  try {
    const run = await runGodot(godot, ['--headless', '--path', REPO_ROOT, 'res://scripts/bench/worker_quit.tscn', '--', `--endpoint=${receiver.url}`], { cwd: REPO_ROOT, timeoutS: 60 });
    const failures = reportProblems('worker quit', run, problemsIn(run.lines));
    const made = run.lines.map((line) => /^made: (\d+) log lines, (\d+) increments, (\d+) spans/.exec(line)).find((match) => match !== null);
    const quit = run.lines.find((line) => line.includes('worker quit: '));
    const arrived = receiver.snapshot();
    const increments = arrived.metrics.series.filter((series) => series.name === 'enemies_killed_total').reduce((sum, series) => sum + series.value, 0);
    const counts = [arrived.logs.total, increments, arrived.traces.spanCount];
    console.log(`${made?.[0] ?? 'made: (not printed)'}\narrived: ${counts[0]} log lines, ${counts[1]} increments, ${counts[2]} spans\n${quit?.replace(/^\[JS\] /, '') ?? 'worker quit: (not printed)'}`);
    if (made === undefined || made === null || counts.join() !== made.slice(1, 4).join()) failures.push('worker quit: what arrived is not what the scene made');
    return failures;
  } finally {
    await receiver.stop();
  }
}

/** The addon's own warnings (its sends to a closed port failing) taken out; everything else stays. */
function withoutOwnWarnings(problems: Problems): Problems {
  return { errors: problems.errors, warnings: problems.warnings.filter((line) => !line.includes('[GameTracker]')) };
}

/**
 * A scene that prints one markdown table and quits; `errorsExpected` for one that raises errors (or
 * warnings) on purpose, `sendsToClosedPort` for one whose only expected warnings are the addon's own.
 */
async function runTableScene(godot: string, scene: string, title: string, options: { errorsExpected?: boolean; sendsToClosedPort?: boolean } = {}): Promise<string[]> {
  section(`${scene}: ${title}`);
  const run = await runGodot(godot, ['--headless', '--path', REPO_ROOT, `res://${scene}`], { cwd: REPO_ROOT, timeoutS: 180 });
  const problems = options.sendsToClosedPort === true ? withoutOwnWarnings(problemsIn(run.lines)) : problemsIn(run.lines);
  const failures = options.errorsExpected === true ? reportProblems(scene, run, { errors: [], warnings: [] }) : reportProblems(scene, run, problems);
  // GodotJS prefixes console.log lines with "[JS] ".
  const table = run.lines.map((line) => line.replace(/^\[JS\] /, '')).filter((line) => line.startsWith('|'));
  if (table.length === 0) failures.push(`${scene}: printed no table`);
  console.log(['', ...table].join('\n'));
  return failures;
}

async function runTypes(godot: string): Promise<string[]> {
  section('A fresh game: the addon against the typings its editor generates');
  const check = await checkGeneratedTypings(godot, REPO_ROOT);
  const failures: string[] = [];
  console.log(`generated ${check.generatedFiles.length} typing files in ${check.generate.seconds.toFixed(0)} s: ${check.generatedFiles.join(', ')}`);
  if (check.generatedFiles.length === 0) failures.push('types: the editor generated no typings');
  console.log(`addon: ${check.addonErrors.length} type error(s)`);
  for (const line of check.addonErrors) console.log(`  ${line}`);
  console.log(`typings/godot_subset against the engine's (${check.subsetClasses.length} classes): ${check.subsetErrors.length} error(s)`);
  for (const line of check.subsetErrors) console.log(`  ${line}`);
  if (check.addonErrors.length > 0) failures.push(`types: ${check.addonErrors.length} error(s) compiling the addon in a fresh game`);
  if (check.subsetErrors.length > 0) failures.push(`types: typings/godot_subset differs from the engine's typings (${check.subsetErrors.length})`);
  return failures;
}

function reportProblems(what: string, run: GodotRun, problems: Problems): string[] {
  const how = run.timedOut ? 'timed out' : `exit code ${String(run.exitCode)}`;
  console.log(`${what}: ${how} after ${run.seconds.toFixed(1)} s; ${problems.errors.length} error(s), ${problems.warnings.length} warning(s)`);
  for (const line of [...problems.errors, ...problems.warnings]) console.log(`  ${line}`);
  const failures: string[] = [];
  if (run.timedOut || run.exitCode !== 0) failures.push(`${what}: ${how}`);
  if (problems.errors.length + problems.warnings.length > 0) failures.push(`${what}: ${problems.errors.length} error(s), ${problems.warnings.length} warning(s)`);
  return failures;
}

function section(title: string): void {
  console.log(`\n## ${title}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
