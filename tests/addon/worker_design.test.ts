/**
 * scripts/bench/worker_design/ measures issue #18's second design in a real engine (call_cost.tscn
 * runs it beside the autoload). The JSWorker itself exists only there; what runs here is the path
 * every call takes between the threads: recorded and converted by the main thread's forwarding
 * tracker, posted as JSON, applied to a real core by the worker's batch code.
 */
import { describe, expect, it } from 'vitest';
import type { SpanHandle } from '../../addons/game_tracker/core/api';
import { applyBatch } from '../../scripts/bench/worker_design/batch_apply';
import { ForwardingTracker } from '../../scripts/bench/worker_design/forwarding_tracker';
import { FakeClock } from '../fakes/fake_clock';
import { createHarness } from '../fakes/tracker_harness';

/** The frame benchmark's calls, made on `tracker` (the core itself, or the main thread's forwarder). */
function frameOfCalls(tracker: ReturnType<ForwardingTracker['asTracker']>): void {
  const frame = tracker.start_span('frame');
  tracker.log_info('enemy spawned', { kind: 'orc', wave: 3 });
  tracker.increment('enemies_killed', { level: 'forest' });
  tracker.gauge('enemies_alive', 12);
  tracker.histogram('damage', 42);
  const think = tracker.start_span('ai_think', { agents: 4 }, frame);
  tracker.start_span('pathfind', {}, think).end();
  think.end();
  frame.end();
}

describe('the worker design (scripts/bench/worker_design)', () => {
  it('delivers every call to the worker core as the game made it: same books as the core called directly', () => {
    const direct = createHarness({ batch_size: 100 });
    frameOfCalls(direct.tracker);

    const mainClock = new FakeClock();
    const forwarding = new ForwardingTracker(mainClock);
    frameOfCalls(forwarding.asTracker());
    expect(forwarding.pending()).toBe(10);
    const posted = JSON.stringify(forwarding.take());
    expect(forwarding.pending()).toBe(0);

    const worker = createHarness({ batch_size: 100 });
    const spans = new Map<number, SpanHandle>();
    const pins: (number | undefined)[] = [];
    applyBatch(worker.tracker, spans, JSON.parse(posted) as unknown[], (ms) => pins.push(ms));

    const books = (stats: ReturnType<typeof direct.tracker.stats>): number[] => [stats.logs.produced, stats.metrics.produced, stats.traces.produced];
    expect(books(worker.tracker.stats())).toEqual(books(direct.tracker.stats()));
    expect(books(worker.tracker.stats())).toEqual([1, 3, 3]);
    expect(worker.warnings).toEqual(direct.warnings);
    // Every span ended, and so forgotten: the map does not grow with a game's spans.
    expect(spans.size).toBe(0);
    // Timed calls (the log, span starts and ends) pin the main thread's reading; the clock is let go after.
    expect(pins.filter((ms) => ms !== undefined)).toHaveLength(7);
    expect(new Set(pins.filter((ms) => ms !== undefined))).toEqual(new Set([mainClock.monotonicMs()]));
    expect(pins.at(-1)).toBeUndefined();
  });

  it('links a child to its parent across the threads', () => {
    const forwarding = new ForwardingTracker(new FakeClock());
    const main = forwarding.asTracker();
    main.start_span('child', {}, main.start_span('parent'));
    main.start_span('another trace');
    const worker = createHarness();
    const spans = new Map<number, SpanHandle>();
    applyBatch(worker.tracker, spans, JSON.parse(JSON.stringify(forwarding.take())) as unknown[], () => undefined);
    const [parent, child, other] = [spans.get(1), spans.get(2), spans.get(3)];
    expect(child?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(child?.trace_id).toBe(parent?.trace_id);
    expect(other?.trace_id).not.toBe(parent?.trace_id);
  });
});
