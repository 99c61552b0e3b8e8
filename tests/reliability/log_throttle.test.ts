/** The repeated-log-line throttle: a line written every frame costs little and says how often it repeated. */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';
import { expectBooksBalanced } from './support';

interface Line {
  level: string;
  msg: string;
  data?: { suppressed_repeats?: number; window_ms?: number };
}

function sentLines(h: Harness): Line[] {
  h.tracker.flush();
  h.tracker.tick();
  h.http.respondAll();
  return h.http.ofChannel('logs').flatMap((r) =>
    (JSON.parse(r.body as string).streams as { stream: { level: string }; values: [string, string][] }[]).flatMap((s) =>
      s.values.map(([, line]) => ({ level: s.stream.level, ...(JSON.parse(line) as Omit<Line, 'level'>) })),
    ),
  );
}

/** 50 frames a second for `seconds`, the same error line every frame. */
function spam(h: Harness, seconds: number, msg = 'texture missing'): void {
  for (let i = 0; i < seconds * 50; i++) {
    h.tracker.log_error(msg, { frame: i });
    h.clock.advance(20);
    h.tracker.tick();
    h.http.respondAll();
  }
}

describe('repeated log line throttle', () => {
  it('lets the first lines of a window through, counts the rest as throttled and summarises them', () => {
    const h = createHarness({ queue_limit: 1000, batch_size: 1000, flush_interval_ms: 600_000, log_repeat_limit: 10 });
    spam(h, 25); // 1250 calls over 25 s; windows of 10 s
    h.tracker.log_info('after the storm');
    const lines = sentLines(h);
    const repeats = lines.filter((l) => l.msg === 'texture missing');
    const summaries = repeats.filter((l) => l.data?.suppressed_repeats !== undefined);
    expect(repeats.length - summaries.length).toBe(30); // 10 per window, 3 windows started
    expect(summaries.map((s) => s.data)).toEqual([
      { suppressed_repeats: 490, window_ms: 10_000 },
      { suppressed_repeats: 490, window_ms: 10_000 },
    ]);
    expect(summaries.every((s) => s.level === 'error')).toBe(true);
    const stats = h.tracker.stats().logs;
    expect(stats.dropped.throttled).toBe(490 + 490 + 240); // the third window is still open
    expectBooksBalanced(h.tracker);
  });

  it('summarises the open window at shutdown so that no count is lost', () => {
    const h = createHarness({ log_repeat_limit: 10 });
    spam(h, 2);
    h.tracker.shutdown(1000);
    const summary = h.http
      .ofChannel('logs')
      .flatMap((r) => JSON.parse(r.body as string).streams.flatMap((s: { values: [string, string][] }) => s.values.map(([, l]) => JSON.parse(l) as Line)))
      .find((l) => l.data?.suppressed_repeats !== undefined);
    expect(summary?.data?.suppressed_repeats).toBe(90);
    expect(h.tracker.stats().logs.dropped.throttled).toBe(90);
    expectBooksBalanced(h.tracker);
  });

  it('treats different messages and different levels independently', () => {
    const h = createHarness({ queue_limit: 1000, log_repeat_limit: 2 });
    for (let i = 0; i < 5; i++) {
      h.tracker.log_warn('a');
      h.tracker.log_error('a');
      h.tracker.log_warn('b');
      h.tracker.log_warn(`a ${i}`);
    }
    expect(h.tracker.stats().logs.dropped.throttled).toBe(9);
    const lines = sentLines(h);
    expect(lines.filter((l) => l.msg.startsWith('a ')).length).toBe(5);
  });

  it('is off by default, and can be turned on and tuned', () => {
    const byDefault = createHarness({ queue_limit: 1000 });
    for (let i = 0; i < 500; i++) byDefault.tracker.log_info('same');
    expect(byDefault.tracker.stats().logs).toMatchObject({ pending: 500, dropped: { throttled: 0 } });
    const tuned = createHarness({ queue_limit: 1000, log_repeat_limit: 1, log_repeat_window_ms: 1000 });
    for (let i = 0; i < 500; i++) {
      tuned.tracker.log_info('same');
      tuned.clock.advance(10);
      tuned.tracker.tick();
    }
    const lines = sentLines(tuned);
    expect(lines.filter((l) => l.data === undefined)).toHaveLength(5);
    expect(lines.filter((l) => l.data?.suppressed_repeats === 99)).toHaveLength(5);
  });

  it('costs less for a throttled line than for a sent one (the data is not even looked at)', () => {
    const h = createHarness({ queue_limit: 100_000, log_repeat_limit: 1 });
    let reads = 0;
    const data = {
      get hp() {
        reads++;
        return 3;
      },
    };
    for (let i = 0; i < 1000; i++) h.tracker.log_warn('low health', data);
    expect(reads).toBe(1);
  });

  it('watches a bounded number of distinct messages; beyond it lines pass unthrottled', () => {
    const h = createHarness({ queue_limit: 100_000, log_repeat_limit: 1 });
    for (let round = 0; round < 3; round++) for (let i = 0; i < 1000; i++) h.tracker.log_info(`distinct ${i}`);
    const stats = h.tracker.stats().logs;
    // The first 128 messages are watched (their repeats throttled); the others pass every time.
    expect(stats.dropped.throttled).toBe(2 * 128);
    expect(stats.produced).toBe(3000);
    expectBooksBalanced(h.tracker);
  });
});
