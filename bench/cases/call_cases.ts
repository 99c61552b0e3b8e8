/**
 * Per-call cases for GameTracker and the floor they are judged against. Engine-neutral: the same
 * module runs in Node and, bundled, inside QuickJS. Peers (pino, prom-client, OpenTelemetry) are
 * Node-only and live in ../peers.
 *
 * Queues are drained between samples (untimed) so that every timed call takes the normal path, not
 * the queue-full eviction path; the bench tracker drains every 1,000 items, about what a game queues between two sends.
 */
import type { SpanHandle } from '../../addons/game_tracker/core/api';
import { benchTracker } from './bench_tracker';
import type { CallCase } from './measure';

const DRAIN_AT = 1_000;

/** A case on its own fresh tracker, drained before its queue could fill. */
function trackerCase(
  name: string,
  batch: number,
  make: (t: ReturnType<typeof benchTracker>['tracker']) => (n: number) => void,
  options: Record<string, unknown> = {},
): CallCase {
  const bench = benchTracker(options);
  const run = make(bench.tracker);
  let queued = 0;
  return {
    name,
    batch,
    run(n) {
      run(n);
      queued += n;
    },
    between() {
      bench.clock.advance(1);
      if (queued < DRAIN_AT) return;
      queued = 0;
      bench.drain();
    },
  };
}

const LEVELS = ['forest', 'cave', 'castle', 'swamp'];
const WEAPONS = ['sword', 'bow', 'staff'];

export function trackerCallCases(): CallCase[] {
  return [
    trackerCase('log_info(msg)', 200, (t) => (n) => {
      for (let i = 0; i < n; i++) t.log_info('enemy spawned');
    }),
    trackerCase('log_info(msg, {2 fields})', 200, (t) => (n) => {
      for (let i = 0; i < n; i++) t.log_info('enemy spawned', { kind: 'orc', wave: i });
    }),
    trackerCase('log_info, repeated line held back by the throttle', 200, (t) => (n) => {
      for (let i = 0; i < n; i++) t.log_info('enemy spawned', { kind: 'orc', wave: i });
    }, { log_repeat_limit: 10 }),
    trackerCase('log_debug, level disabled', 1000, (t) => (n) => {
      for (let i = 0; i < n; i++) t.log_debug('enemy spawned', { kind: 'orc', wave: i });
    }, { min_log_level: 'info' }),
    trackerCase('increment(name)', 500, (t) => (n) => {
      for (let i = 0; i < n; i++) t.increment('enemies_spawned');
    }),
    trackerCase('increment(name, {2 labels})', 500, (t) => (n) => {
      for (let i = 0; i < n; i++) t.increment('enemies_killed', { level: LEVELS[i & 3], weapon: WEAPONS[i % 3] });
    }),
    trackerCase('gauge(name, v)', 500, (t) => (n) => {
      for (let i = 0; i < n; i++) t.gauge('fps', 60 - (i & 7));
    }),
    trackerCase('histogram(name, v)', 500, (t) => (n) => {
      for (let i = 0; i < n; i++) t.histogram('frame_ms', 8 + (i & 31));
    }),
    trackerCase('histogram(name, v, {1 label})', 500, (t) => (n) => {
      for (let i = 0; i < n; i++) t.histogram('load_ms', 40 + (i & 255), { level: LEVELS[i & 3] });
    }),
    trackerCase('start_span + end (root)', 200, (t) => (n) => {
      for (let i = 0; i < n; i++) t.start_span('load_level').end();
    }),
    nestedSpanCase(),
  ];
}

/** A child started and ended under a long-lived parent, as a frame's sub-steps would be. */
function nestedSpanCase(): CallCase {
  let parent: SpanHandle | undefined;
  let tracker: ReturnType<typeof benchTracker>['tracker'] | undefined;
  const c = trackerCase('start_span + end (nested)', 200, (t) => {
    tracker = t;
    parent = t.start_span('frame');
    return (n) => {
      const p = parent;
      for (let i = 0; i < n; i++) t.start_span('physics_step', undefined, p).end();
    };
  });
  return {
    ...c,
    between() {
      // A new parent now and then, so the parent is a recent span, not one from the first millisecond.
      parent?.end();
      parent = tracker?.start_span('frame');
      c.between?.();
    },
  };
}

/**
 * The floor: the cheapest thing a telemetry call could do, one write of an event into a
 * preallocated ring buffer (a code, a value and a timestamp into typed arrays).
 */
export function floorCases(): CallCase[] {
  const SIZE = 4096;
  const codes = new Int32Array(SIZE);
  const values = new Float64Array(SIZE);
  const times = new Float64Array(SIZE);
  let head = 0;
  let clock = 0;
  const write = (code: number, value: number): void => {
    const slot = head;
    head = (head + 1) & (SIZE - 1);
    codes[slot] = code;
    values[slot] = value;
    times[slot] = clock;
  };
  let sink = 0;
  const noop = (x: number): void => {
    sink += x;
  };
  return [
    {
      name: 'floor: ring-buffer write',
      batch: 1000,
      run(n) {
        for (let i = 0; i < n; i++) write(7, i);
      },
      between() {
        clock += 1;
      },
    },
    {
      name: 'harness: empty call',
      batch: 1000,
      run(n) {
        for (let i = 0; i < n; i++) noop(i);
      },
      between() {
        if (sink === -1) clock = 0;
      },
    },
  ];
}
