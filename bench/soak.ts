/**
 * `npm run soak`: a million mixed API calls against a dead backend (connection refused on 127.0.0.1),
 * through the real Node HTTP port, in frames of 100 calls with a tick and a turn of the event loop
 * between frames, as a game would run. The tracker's clock is a game clock that advances 1/60 s per
 * frame, so the million calls are 10,000 frames, about 2.8 minutes of play: flush intervals, retries
 * and backoff all cycle as they would, without waiting minutes. Prints peak heap, retained heap after
 * GC at each 100k-call checkpoint, the per-call cost at the start and at the end, and the books.
 *
 *   npm run soak                                   1,000,000 calls, the tracker in this tree
 *   npm run soak -- --calls=200000                 fewer calls
 *   npm run soak -- --core=/path/to/core           another copy of addons/game_tracker/core (e.g. an
 *                                                  older commit, to compare; see docs/reliability.md)
 *   npm run soak -- --real-clock                   the machine's clock instead of the game clock
 *   npm run soak -- --init='{"log_repeat_limit":10}' extra init options (JSON), e.g. the opt-in throttle on
 *   npm run soak -- --json                         the figures as JSON
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Tracker, TrackerStats } from '../addons/game_tracker/core/api';
import type { TrackerPorts } from '../addons/game_tracker/core/ports';
import { createNodeClock, createNodeHttpPort, createNodeRandom } from '../node/node_ports';
// A port that was free a moment ago: nobody listens there, so every connection is refused at once.
import { findFreePort } from '../tests/support/free_port';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CALLS_PER_FRAME = 100;
const CHECKPOINT_CALLS = 100_000;
const FRAME_MS = 1000 / 60;

export interface SoakOptions {
  readonly calls: number;
  /** Directory of the core to load (its tracker.ts); default: this tree's. */
  readonly coreDir?: string;
  /** Use the machine's clock; by default a game clock advances 1/60 s per frame. */
  readonly realClock?: boolean;
  /** Merged into the init options. */
  readonly init?: Readonly<Record<string, unknown>>;
}

export interface Checkpoint {
  readonly calls: number;
  /** Mean cost of one API call over the last window, in ns (tick and event loop excluded). */
  readonly nsPerCall: number;
  /** Mean cost of one tick over the window, in ns. */
  readonly nsPerTick: number;
  /** heapUsed right after a full GC (when --expose-gc), in MiB. */
  readonly retainedMiB: number | undefined;
}

export interface SoakResult {
  readonly calls: number;
  readonly seconds: number;
  /** Game time the frames covered (the tracker's clock). */
  readonly gameSeconds: number;
  readonly peakHeapMiB: number;
  readonly peakRssMiB: number;
  readonly retainedStartMiB: number | undefined;
  readonly checkpoints: readonly Checkpoint[];
  readonly requestsSent: number;
  readonly warnings: number;
  readonly stats: TrackerStats;
}

function mib(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

function gc(): number | undefined {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) return undefined;
  collect();
  collect();
  return mib(process.memoryUsage().heapUsed);
}

const ZONES = ['cave', 'forest', 'castle', 'shop'];
const HOSTILE: unknown[] = [NaN, { deep: { deeper: { deepest: [1, 2, { x: 'y'.repeat(5000) }] } } }, 'x'.repeat(20_000), null, Symbol('s')];

let operation = 0;

/** One frame's worth of calls: a realistic mix, with a line logged every frame and a few hostile ones. */
function frame(t: Tracker): void {
  t.log_warn('fps below target'); // every frame: the throttle's case
  for (let i = 1; i < CALLS_PER_FRAME; ) {
    const k = operation++;
    switch (k % 10) {
      case 0:
        t.log_info(`enemy ${k % 5000} spawned`, { zone: ZONES[k % 4], hp: k % 100 });
        i++;
        break;
      case 1:
        t.log_debug('tick', { k });
        i++;
        break;
      case 2:
      case 3:
        t.increment('enemies_spawned', { zone: ZONES[k % 4] });
        i++;
        break;
      case 4:
        t.gauge('fps', 60 - (k % 7));
        i++;
        break;
      case 5:
      case 6:
        t.histogram('frame_ms', (k % 40) + 0.5, { scene: 'main' });
        i++;
        break;
      case 7: {
        const span = t.start_span('ai_think', { zone: ZONES[k % 4] });
        span.add_event('path_found');
        span.end();
        i += 3;
        break;
      }
      case 8:
        if (k % 1000 === 8) t.set_tag('level', `level_${k % 10}`);
        else t.increment('player_actions', { action: k % 2 === 0 ? 'jump' : 'shoot' });
        i++;
        break;
      default:
        // Hostile input now and then: NaN, deep data, huge strings, a bad metric name.
        if (k % 100 === 9) t.log_error('weird', { v: HOSTILE[k % HOSTILE.length] });
        else if (k % 100 === 19) t.gauge('__bad_name', 1);
        else t.gauge('fps', HOSTILE[0]);
        i++;
    }
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const coreDir = options.coreDir ?? path.join(HERE, '../addons/game_tracker/core');
  const { createTracker } = (await import(path.join(coreDir, 'tracker.ts'))) as {
    createTracker: (ports: TrackerPorts, device?: object) => Tracker;
  };
  let warnings = 0;
  let requests = 0;
  const http = createNodeHttpPort();
  let frames = 0;
  const startUnixMs = Date.now();
  const gameClock = { unixMs: () => startUnixMs + frames * FRAME_MS, monotonicMs: () => frames * FRAME_MS };
  const ports: TrackerPorts = {
    clock: options.realClock === true ? createNodeClock() : gameClock,
    random: createNodeRandom(),
    http: { send: (request, done) => (requests++, http.send(request, done)) },
    warn: () => warnings++,
  };
  const tracker = createTracker(ports, { os_name: 'Linux' });
  tracker.init({ endpoint: `http://127.0.0.1:${await findFreePort()}`, game: 'soak', flush_interval_ms: 1000, request_timeout_ms: 1000, ...options.init });

  const retainedStartMiB = gc();
  const checkpoints: Checkpoint[] = [];
  let peakHeap = 0;
  let peakRss = 0;
  let windowCallNs = 0;
  let windowTickNs = 0;
  let windowTicks = 0;
  let windowCalls = 0;
  const frameCount = Math.ceil(options.calls / CALLS_PER_FRAME);
  const started = performance.now();
  for (let n = 0; n < frameCount; n++) {
    frames = n;
    const t0 = performance.now();
    frame(tracker);
    const t1 = performance.now();
    tracker.tick();
    const t2 = performance.now();
    windowCallNs += (t1 - t0) * 1e6;
    windowTickNs += (t2 - t1) * 1e6;
    windowTicks++;
    windowCalls += CALLS_PER_FRAME;
    if (n % 16 === 0) {
      const memory = process.memoryUsage();
      peakHeap = Math.max(peakHeap, memory.heapUsed);
      peakRss = Math.max(peakRss, memory.rss);
    }
    if (windowCalls >= CHECKPOINT_CALLS || n === frameCount - 1) {
      checkpoints.push({
        calls: (n + 1) * CALLS_PER_FRAME,
        nsPerCall: Math.round(windowCallNs / windowCalls),
        nsPerTick: Math.round(windowTickNs / windowTicks),
        retainedMiB: gc(),
      });
      windowCallNs = windowTickNs = windowTicks = windowCalls = 0;
    }
    // Let the HTTP port's answers (refusals, timers) in, as the engine does between frames.
    await nextTurn();
  }
  const seconds = (performance.now() - started) / 1000;
  const gameSeconds = (frameCount * FRAME_MS) / 1000;
  const stats = tracker.stats();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      frames++;
      tracker.tick();
    }, 5);
    tracker.shutdown(2000, () => {
      clearInterval(timer);
      resolve();
    });
  });
  return { calls: frameCount * CALLS_PER_FRAME, seconds, gameSeconds, peakHeapMiB: mib(peakHeap), peakRssMiB: mib(peakRss), retainedStartMiB, checkpoints, requestsSent: requests, warnings, stats };
}

function render(result: SoakResult, core: string): string {
  const first = result.checkpoints[0]!;
  const last = result.checkpoints.at(-1)!;
  const lines = [
    `Soak: ${result.calls.toLocaleString('en')} mixed API calls against a dead backend (connection refused), core: ${core}`,
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} logical cores; Node ${process.versions.node}`,
    '',
    '| Figure | Value |',
    '|---|---|',
    `| Wall time (game time covered) | ${result.seconds.toFixed(1)} s (${result.gameSeconds.toFixed(0)} s) |`,
    `| Peak heap (heapUsed, sampled every 16 frames) | ${result.peakHeapMiB} MiB |`,
    `| Peak RSS | ${result.peakRssMiB} MiB |`,
    `| Heap after GC: start → end | ${result.retainedStartMiB ?? 'n/a (run with --expose-gc)'} → ${last.retainedMiB ?? 'n/a'} MiB |`,
    `| Per call, first ${CHECKPOINT_CALLS.toLocaleString('en')} calls | ${first.nsPerCall} ns |`,
    `| Per call, last ${CHECKPOINT_CALLS.toLocaleString('en')} calls | ${last.nsPerCall} ns |`,
    `| Per tick (100 calls per frame), first → last window | ${first.nsPerTick} → ${last.nsPerTick} ns |`,
    `| Requests attempted | ${result.requestsSent} |`,
    `| Warnings printed | ${result.warnings} |`,
    '',
    '| Calls so far | ns/call | ns/tick | heap after GC (MiB) |',
    '|---|---|---|---|',
    ...result.checkpoints.map((c) => `| ${c.calls.toLocaleString('en')} | ${c.nsPerCall} | ${c.nsPerTick} | ${c.retainedMiB ?? 'n/a'} |`),
    '',
    '| Signal | produced | sent | pending | dropped (by reason) | balanced |',
    '|---|---|---|---|---|---|',
  ];
  for (const signal of ['logs', 'metrics', 'traces'] as const) {
    const s = result.stats[signal];
    const dropped = Object.entries(s.dropped).filter(([, n]) => n > 0);
    const total = dropped.reduce((a, [, n]) => a + n, 0);
    lines.push(`| ${signal} | ${s.produced} | ${s.sent} | ${s.pending} | ${dropped.map(([r, n]) => `${r} ${n}`).join(', ')} | ${s.produced === s.sent + s.pending + total ? 'yes' : 'NO'} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const calls = Number(args.find((a) => a.startsWith('--calls='))?.slice('--calls='.length) ?? 1_000_000);
  const coreDir = args.find((a) => a.startsWith('--core='))?.slice('--core='.length);
  const realClock = args.includes('--real-clock');
  const initArg = args.find((a) => a.startsWith('--init='))?.slice('--init='.length);
  const init = initArg === undefined ? undefined : (JSON.parse(initArg) as Record<string, unknown>);
  const result = await runSoak({ calls, realClock, init, coreDir: coreDir === undefined ? undefined : path.resolve(coreDir) });
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(render(result, coreDir ?? 'this tree'));
  const balanced = (['logs', 'metrics', 'traces'] as const).every((signal) => {
    const s = result.stats[signal];
    return s.produced === s.sent + s.pending + Object.values(s.dropped).reduce((a, b) => a + b, 0);
  });
  if (!balanced) process.exitCode = 1;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
