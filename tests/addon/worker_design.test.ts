/**
 * scripts/bench/worker_design/ measures issue #18's second design in a real engine (call_cost.tscn
 * runs it beside the autoload). The JSWorker itself exists only there; what runs here is the path
 * every call takes between the threads: recorded by the autoload's call queue, forwarded by the main
 * thread's taker with Godot's copies of the Dictionaries unread, applied to a real core by the
 * worker's batch code, which reads them.
 */
import { GDictionary, Node } from 'godot';
import { describe, expect, it } from 'vitest';
import GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { CallQueue, STRIDE } from '../../addons/game_tracker/godot/call_queue';
import { spanHandleOf } from '../../addons/game_tracker/godot/span_handles';
import type { SpanHolder } from '../../addons/game_tracker/godot/span_handles';
import { SpanPool } from '../../addons/game_tracker/godot/span_pool';
import { applyBatch } from '../../scripts/bench/worker_design/batch_apply';
import { ForwardingTaker } from '../../scripts/bench/worker_design/forwarding_taker';
import { CALLS_PER_MESSAGE } from '../../scripts/bench/worker_design/protocol';
import { fromGDScript } from '../godot_double/gdscript';
import { createHarness } from '../fakes/tracker_harness';

/** The main thread of the design: the autoload's call queue, its span objects, and the forwarding taker. */
function mainThread() {
  const pool = new SpanPool<GameTrackerSpan>();
  const offered: object[] = [];
  let posted: unknown[][] = [];
  const calls = new CallQueue(
    new ForwardingTaker(
      (wrapper) => offered.push(wrapper),
      (message) => posted.push(message),
    ),
  );
  const startSpan = (name: string, attrs?: unknown, parent?: unknown): GameTrackerSpan => {
    const span = GameTrackerSpan.recorded(calls, pool);
    calls.record('start_span', span, name, attrs, parent);
    return span;
  };
  /** Hands everything recorded over and gives the messages the worker would get. */
  const post = (): unknown[][] => {
    calls.drain();
    const messages = posted;
    posted = [];
    return messages;
  };
  return { calls, startSpan, post, offered };
}

describe('the worker design (scripts/bench/worker_design)', () => {
  it('delivers every call to the worker core as the game made it: same books and data as the core called directly', () => {
    const direct = createHarness({ batch_size: 100 });
    const frameSpan = direct.tracker.start_span('frame');
    direct.tracker.log_info('enemy spawned', { kind: 'orc', wave: 3 });
    direct.tracker.increment('enemies_killed', { level: 'forest' });
    direct.tracker.gauge('enemies_alive', 12);
    const think = direct.tracker.start_span('ai_think', { agents: 4 }, frameSpan);
    think.end();
    frameSpan.end();

    const main = mainThread();
    const frame = main.startSpan('frame');
    main.calls.record('log_info', undefined, 'enemy spawned', fromGDScript({ kind: 'orc', wave: 3 }));
    main.calls.record('increment', undefined, 'enemies_killed', fromGDScript({ level: 'forest' }));
    main.calls.record('gauge', undefined, 'enemies_alive', 12);
    const child = main.startSpan('ai_think', fromGDScript({ agents: 4 }), frame);
    child.end();
    frame.end();
    const messages = main.post();
    expect(messages).toHaveLength(1);
    // Godot's copies cross unread: the worker reads them.
    expect(messages[0]?.filter((entry) => entry instanceof GDictionary)).toHaveLength(3);
    // Both spans ended: the pool hears of each wrapper, as the autoload's does.
    expect(main.offered).toEqual([child, frame]);

    const worker = createHarness({ batch_size: 100 });
    const spans = new Map<number, SpanHolder>();
    const pins: (number | undefined)[] = [];
    for (const calls of messages) applyBatch(worker.tracker, spans, calls, (ms) => pins.push(ms));

    const books = (stats: ReturnType<typeof direct.tracker.stats>): number[] => [stats.logs.produced, stats.metrics.produced, stats.traces.produced];
    expect(books(worker.tracker.stats())).toEqual(books(direct.tracker.stats()));
    expect(books(worker.tracker.stats())).toEqual([1, 2, 2]);
    expect(worker.warnings).toEqual(direct.warnings);
    // Every span ended, and so forgotten: the map does not grow with a game's spans.
    expect(spans.size).toBe(0);
    // Timed calls (the log, span starts and ends) pin the main thread's reading; the clock is let go after.
    expect(pins.filter((ms) => ms !== undefined)).toHaveLength(5);
    expect(pins.at(-1)).toBeUndefined();
  });

  it('links a child to its parent across the threads, and describes objects on the main thread', () => {
    const main = mainThread();
    const parent = main.startSpan('parent');
    main.startSpan('child', undefined, parent);
    main.startSpan('another trace');
    const node = new Node();
    node.set_name('Orc');
    main.calls.record('log_info', undefined, node);
    const [calls] = main.post();
    // A Node cannot cross: it goes as Godot's description of it, made while it still exists.
    expect(calls?.filter((entry) => entry instanceof Node)).toEqual([]);
    expect(calls).toContain(node.to_string());

    const worker = createHarness();
    const spans = new Map<number, SpanHolder>();
    applyBatch(worker.tracker, spans, calls ?? [], () => undefined);
    const [p, c, other] = [1, 2, 3].map((n) => spanHandleOf(spans.get(n)));
    expect(c?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(c?.trace_id).toBe(p?.trace_id);
    expect(other?.trace_id).not.toBe(p?.trace_id);
  });

  it(`posts a burst in messages of at most ${CALLS_PER_MESSAGE} calls (GodotJS clones a message on a fixed stack)`, () => {
    const main = mainThread();
    for (let i = 0; i < 2.5 * CALLS_PER_MESSAGE; i++) main.calls.record('increment', undefined, 'hits', fromGDScript({ i }));
    const messages = main.post();
    expect(messages.map((calls) => calls.length / STRIDE)).toEqual([CALLS_PER_MESSAGE, CALLS_PER_MESSAGE, CALLS_PER_MESSAGE / 2]);
    const worker = createHarness({ max_series: 10_000 });
    for (const calls of messages) applyBatch(worker.tracker, new Map(), calls, () => undefined);
    expect(worker.tracker.stats().metrics.produced).toBe(2.5 * CALLS_PER_MESSAGE);
  });
});
