/**
 * Per-flush cases: what one frame pays when a batch goes out. Each sample queues 100 items (untimed),
 * then times `flush()` + `tick()`: taking the batch from the queue, encoding it (JSON for Loki and
 * OTLP; protobuf + snappy for remote write; protobuf for `protocol: "otlp"`), building the request and
 * handing it to the HTTP port. The port answers between samples. Engine-neutral.
 */
import { benchTracker } from './bench_tracker';
import type { BenchTracker } from './bench_tracker';
import { utf8Length } from './bench_tracker';
import type { Budget, Distribution, Now } from './measure';
import { FRAME_MS } from './frame_cases';
import { distribution, measureOnce } from './measure';

export const ITEMS_PER_FLUSH = 100;

export interface FlushResult extends Distribution {
  readonly name: string;
  /** Request body bytes (compressed where the format compresses) per item of the batch. */
  readonly bytesPerItem: number;
  readonly bodyBytes: number;
  /** For a push spread over ticks: the ticks it took (the distribution is then per tick). */
  readonly ticksPerPush?: number;
}

const LEVELS = ['forest', 'cave', 'castle', 'swamp'];
const ZONES = Array.from({ length: 10 }, (_, i) => `zone_${i}`);
const METRICS = Array.from({ length: 10 }, (_, i) => `metric_${i}`);

interface FlushCase {
  readonly name: string;
  readonly channel: 'logs' | 'metrics' | 'traces';
  /** More `init` options (the protocol). */
  readonly options?: Readonly<Record<string, unknown>>;
  fill(b: BenchTracker, round: number): void;
}

function fillLogLines(b: BenchTracker, round: number): void {
  for (let i = 0; i < ITEMS_PER_FLUSH; i++) {
    b.tracker.log_info('enemy spawned', { kind: 'orc', wave: round, level: LEVELS[i & 3], hp: 100 + i });
  }
}

/** 10 metrics x 10 zones = 100 series, each with its zone (and, on the native path, __name__ and 4 base labels). */
function fillSeries(b: BenchTracker, round: number): void {
  for (let m = 0; m < METRICS.length; m++) {
    for (let z = 0; z < ZONES.length; z++) b.tracker.increment(METRICS[m], { zone: ZONES[z] }, round + z);
  }
}

function fillSpans(b: BenchTracker, round: number): void {
  for (let i = 0; i < ITEMS_PER_FLUSH / 2; i++) {
    const root = b.tracker.start_span('load_level', { level: LEVELS[i & 3], round });
    b.tracker.start_span('load_assets', { count: 12 + i, cached: (i & 1) === 0 }, root).end();
    root.end();
  }
}

const OTLP = { protocol: 'otlp' } as const;

const CASES: readonly FlushCase[] = [
  { name: 'Loki JSON, 100 log lines', channel: 'logs', fill: fillLogLines },
  { name: 'remote write, 100 series (protobuf + snappy)', channel: 'metrics', fill: fillSeries },
  { name: 'OTLP JSON, 100 spans', channel: 'traces', fill: fillSpans },
  { name: 'OTLP protobuf, 100 log records', channel: 'logs', options: OTLP, fill: fillLogLines },
  { name: 'OTLP protobuf, 100 metric series', channel: 'metrics', options: OTLP, fill: fillSeries },
  { name: 'OTLP protobuf, 100 spans', channel: 'traces', options: OTLP, fill: fillSpans },
];

export function flushCaseNames(): string[] {
  return CASES.map((c) => c.name);
}

export function measureFlushes(now: Now, budget: Budget): FlushResult[] {
  return CASES.map((c) => {
    const b = benchTracker({ queue_limit: 1000, batch_size: 1000, ...c.options });
    let round = 0;
    const refill = (): void => {
      b.http.respond();
      c.fill(b, round++);
    };
    refill();
    const stats = measureOnce(
      now,
      () => {
        b.tracker.flush();
        b.tracker.tick();
      },
      budget,
      refill,
    );
    const body = b.http.last[c.channel];
    const bodyBytes = body === undefined ? 0 : typeof body === 'string' ? utf8Length(body) : body.length;
    return { name: c.name, ...stats, bodyBytes, bytesPerItem: bodyBytes / ITEMS_PER_FLUSH };
  });
}

/**
 * A timed (not forced) remote-write push of 100 series, which the tracker may spread over several
 * ticks (see sliced_snappy.ts): every tick from the one that starts the push to the one that sends it
 * is a sample. The tracker runs on a FrameClock so that it can time its own snappy work.
 */
export function measureTimedPush(now: Now, budget: Budget): FlushResult {
  const b = benchTracker({ flush_interval_ms: 1000 }, now);
  const fill = (round: number): void => {
    for (let m = 0; m < METRICS.length; m++) for (let z = 0; z < ZONES.length; z++) b.tracker.increment(METRICS[m], { zone: ZONES[z] }, round + z);
  };
  const ticks: number[] = [];
  let pushes = 0;
  let round = 0;
  const end = now() + budget.warmupMs + budget.runMs;
  while (now() < end || pushes < 6) {
    fill(round++);
    b.clock.advance(1000);
    const before = b.http.requests;
    for (let tick = 0; tick < 60 && b.http.requests === before; tick++) {
      const t0 = now();
      b.tracker.tick();
      // Push 0 is the clock probe; push 1 also builds each series' cached encoding, once per series.
      if (pushes > 1) ticks.push((now() - t0) * 1000);
      b.clock.advance(FRAME_MS);
    }
    b.http.respond();
    pushes++;
  }
  const body = b.http.last['metrics'];
  const bodyBytes = body === undefined ? 0 : typeof body === 'string' ? utf8Length(body) : body.length;
  return {
    name: 'remote write, 100 series, timed push (per tick)',
    ...distribution(ticks),
    bodyBytes,
    bytesPerItem: bodyBytes / ITEMS_PER_FLUSH,
    ticksPerPush: ticks.length / Math.max(1, pushes - 2),
  };
}
