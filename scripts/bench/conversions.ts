import { GDictionary, JSON as GodotJSON, Node, Time } from 'godot';
import { JSWorker } from 'godot.worker';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { godotClock, monotonicTimer } from '../../addons/game_tracker/godot/godot_clock';
import { createGodotRandom } from '../../addons/game_tracker/godot/godot_random';
import { toPlain } from '../../addons/game_tracker/godot/to_plain';
import { CALLS_PER_MESSAGE } from './worker_design/protocol';

const DictionaryClass = GDictionary;

/** Calls per case; each case's median of RUNS is printed. */
const CALLS = 20_000;
const RUNS = 5;

/** A JS object as small as a span handle: what making one costs (the worker design keeps a number instead). */
class ThreeFields {
  readonly a = '';
  readonly b = '';
  constructor(readonly id: number) {}
}

/**
 * What each way of reading a GDScript Dictionary from TypeScript costs in this engine, beside the
 * pieces the addon's call path is made of (issue #18: count the crossings, find the cheapest
 * conversion GodotJS offers). `npm run engine:check` runs it; by hand:
 *
 *   godot --headless --path . res://scripts/bench/conversions.tscn
 */
export default class ConversionCosts extends Node {
  override _ready(): void {
    const one = GDictionary.create({ player_id: '123' });
    const four = GDictionary.create({ kind: 'orc', wave: 12, level: 'forest', hp: 85.5 });
    // The core alone, given plain JS data (as the hand-over gives it): where a call's time goes after the reads.
    const core = createTracker({ clock: godotClock, random: createGodotRandom(), http: { send: () => undefined }, warn: () => undefined }, { os_name: 'bench' });
    core.init({ endpoint: 'http://127.0.0.1:9', queue_limit: 100_000, batch_size: 100_000, flush_interval_ms: 600_000, max_open_spans: 100_000 });
    const data = { player_id: '123' };
    const cases: [string, () => unknown][] = [
      ['the core: log_info("Player joined", {player_id: "123"}) with plain JS data', () => core.log_info('Player joined', data)],
      ['the hand-over\'s conversion: toPlain(a 1-key Dictionary)', () => toPlain(one)],
      ['the core: increment("enemies_killed", {level: "forest"})', () => core.increment('enemies_killed', { level: 'forest' })],
      ['the core: start_span("level_load", {level: "forest"}).end()', () => core.start_span('level_load', { level: 'forest' }).end()],
      ['empty JS loop body', () => undefined],
      // Compiled, `GDictionary` reads `godot_1.GDictionary` off the module's loader proxy at every use.
      ['read a class off the "godot" module (its loader proxy)', () => GDictionary],
      ['`instanceof GDictionary`, the class read off the module', () => one instanceof GDictionary],
      ['`instanceof` a class read once into a constant', () => one instanceof DictionaryClass],
      ['Time.get_ticks_usec()', () => Time.get_ticks_usec()],
      // godot_clock.ts: QuickJS-NG's own performance.now() where the interpreter has it, else the line above.
      ['the call queue\'s clock read (monotonicTimer.now())', () => monotonicTimer.now()],
      ['dict.size()', () => one.size()],
      ['dict.duplicate(true), 1 key', () => one.duplicate(true)],
      ['dict.keys() + size() + get(i) + dict.get(key), 1 key', () => readEntries(one)],
      ['the same, 4 keys', () => readEntries(four)],
      ['Godot JSON.stringify(dict, "", false, true), 1 key', () => GodotJSON.stringify(one, '', false, true)],
      ['the same, 4 keys', () => GodotJSON.stringify(four, '', false, true)],
      ['Godot JSON.stringify + JS JSON.parse, 1 key', () => JSON.parse(GodotJSON.stringify(one, '', false, true))],
      ['the same, 4 keys', () => JSON.parse(GodotJSON.stringify(four, '', false, true))],
      ['JS JSON.parse of a 1-key object text', () => JSON.parse('{"player_id":"123"}')],
      ['JS regex test of a short text', () => /"[(<]|:<|\d{16}/.test('{"player_id":"123"}')],
      ['make a JS class instance of three fields', () => new ThreeFields(1)],
    ];
    console.log(`| TypeScript in this engine (${CALLS} calls, median of ${RUNS}) | ns per call |`);
    console.log('|---|---|');
    for (const [name, run] of cases) console.log(`| ${name} | ${medianNs(run).toFixed(0)} |`);
    // What the worker design's game thread pays to post a log call (scripts/bench/worker_design/), per
    // call, in messages of CALLS_PER_MESSAGE calls as the call queue records them, to a worker that
    // has started; the scene quits once the worker has answered every message.
    const worker = new JSWorker('scripts/bench/idle.worker');
    let unanswered = 0;
    const post = (message: unknown): void => {
      unanswered++;
      worker.postMessage(message);
    };
    worker.onmessage = () => {
      if (--unanswered === 0) this.get_tree().quit();
    };
    worker.onready = () => {
      const postCases: [string, (calls: unknown[]) => void][] = [
        ["post a log call, Godot's copy of its 1-key Dictionary unread (the worker design)", (calls) => post({ calls })],
        ['read the Dictionary (toPlain), then post the call', (calls) => post({ calls: readArguments(calls) })],
        ['read it, then post the message as one JSON string (the earlier worker design)', (calls) => post(JSON.stringify(readArguments(calls)))],
      ];
      for (const [name, postCalls] of postCases) console.log(`| ${name} | ${medianPostNs(one, postCalls).toFixed(0)} |`);
    };
  }
}

function readEntries(dict: GDictionary): Record<string, unknown> {
  const keys = dict.keys();
  const out: Record<string, unknown> = {};
  for (let i = 0, n = Number(keys.size()); i < n; i++) {
    const key = keys.get(i) as string;
    out[key] = dict.get(key);
  }
  return out;
}

/** A message's log calls in the call queue's layout: op, span, message, Godot's copy, nothing, time. */
function recordedCalls(data: GDictionary): unknown[] {
  const calls: unknown[] = [];
  for (let i = 0; i < CALLS_PER_MESSAGE; i++) calls.push(1, undefined, 'Player joined', data.duplicate(true), undefined, 0);
  return calls;
}

function readArguments(calls: unknown[]): unknown[] {
  for (let at = 3; at < calls.length; at += 6) calls[at] = toPlain(calls[at]);
  return calls;
}

/** Messages per run of a posting case. */
const MESSAGES_PER_RUN = 5;

/** Per call: messages of CALLS_PER_MESSAGE recorded calls made (not timed), then handled by `post` (timed). */
function medianPostNs(data: GDictionary, post: (calls: unknown[]) => void): number {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const messages = Array.from({ length: MESSAGES_PER_RUN }, () => recordedCalls(data));
    const start = Time.get_ticks_usec();
    for (const calls of messages) post(calls);
    runs.push(((Time.get_ticks_usec() - start) * 1000) / (MESSAGES_PER_RUN * CALLS_PER_MESSAGE));
  }
  return median(runs);
}

function medianNs(run: () => unknown): number {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = Time.get_ticks_usec();
    for (let i = 0; i < CALLS; i++) run();
    runs.push(((Time.get_ticks_usec() - start) * 1000) / CALLS);
  }
  return median(runs);
}

function median(runs: number[]): number {
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? NaN;
}
