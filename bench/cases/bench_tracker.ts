/**
 * A tracker on in-memory ports for measuring: a fake clock that the bench advances, a seeded random
 * source, and an HTTP port that keeps nothing but counts bytes and answers on the next `respond()`,
 * the way a Godot HTTPRequest answers on a later frame. Engine-neutral: it runs in QuickJS too.
 */
import type { Tracker } from '../../addons/game_tracker/core/api';
import type { HttpPort, HttpRequest, HttpResponse, RandomSource } from '../../addons/game_tracker/core/ports';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { FakeClock } from '../../tests/fakes/fake_clock';
import { SeededRandom } from '../../tests/fakes/seeded_random';

const OK: HttpResponse = { status: 204, headers: {} };

/** UTF-8 length without TextEncoder (QuickJS has none). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Random bytes the way the engine's port produces them: a native call that copies bytes out (Godot's
 * Crypto.generate_random_bytes). Here: slices of a pool filled once from the seeded test generator, so
 * the cost per byte is a memcpy, as in the game, rather than a JS loop per byte.
 */
export class BenchRandom implements RandomSource {
  private readonly pool: Uint8Array;
  private next = 0;

  constructor() {
    this.pool = new SeededRandom().bytes(1 << 16);
  }

  bytes(count: number): Uint8Array {
    if (this.next + count > this.pool.length) this.next = 0;
    const out = this.pool.slice(this.next, this.next + count);
    this.next += count;
    return out;
  }
}

/**
 * Keeps the last body per channel (for the bytes-per-item figures, measured outside the timed part)
 * and answers on `respond()`. It does no work per request: the engine's port cost is not ours.
 */
export class DiscardHttp implements HttpPort {
  private waiting: ((response: HttpResponse) => void)[] = [];
  requests = 0;
  readonly last: Partial<Record<string, string | Uint8Array>> = {};

  send(request: HttpRequest, done: (response: HttpResponse) => void): void {
    this.requests++;
    this.last[request.channel] = request.body;
    this.waiting.push(done);
  }

  respond(): void {
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done(OK);
  }
}

/**
 * A game clock for the frame cases: it moves by whole frames when told, and with real time within a
 * frame, as Time.get_ticks_usec does in the engine, so that the tracker can time its own work (the
 * snappy pacer does).
 */
export class FrameClock extends FakeClock {
  private frameStart: number;

  constructor(private readonly realNow: () => number) {
    super();
    this.frameStart = realNow();
  }

  override unixMs(): number {
    return super.unixMs() + (this.realNow() - this.frameStart);
  }

  override monotonicMs(): number {
    return super.monotonicMs() + (this.realNow() - this.frameStart);
  }

  /** A frame that took longer than `ms` of real time takes that long in game time too (never backwards). */
  override advance(ms: number): void {
    const now = this.realNow();
    super.advance(Math.max(ms, now - this.frameStart));
    this.frameStart = now;
  }
}

export interface BenchTracker {
  readonly tracker: Tracker;
  readonly clock: FakeClock;
  readonly http: DiscardHttp;
  /** Sends everything queued and answers it, outside any timed section. */
  drain(): void;
}

export const BENCH_DEVICE = { os_name: 'Linux', os_version: '6.1', godot_version: '4.6.3', js_engine: 'bench', arch: 'x86_64' };

/** `realNow` (ms): a FrameClock instead of a clock that stands still between `advance` calls. */
export function benchTracker(options: Record<string, unknown> = {}, realNow?: () => number): BenchTracker {
  const clock = realNow === undefined ? new FakeClock() : new FrameClock(realNow);
  const http = new DiscardHttp();
  const tracker = createTracker({ clock, random: new BenchRandom(), http, warn: () => undefined }, BENCH_DEVICE);
  tracker.init({
    endpoint: 'http://127.0.0.1:9',
    game: 'bench_game',
    version: '1.2.3',
    environment: 'bench',
    queue_limit: 20_000,
    batch_size: 10_000,
    flush_interval_ms: 60_000,
    // The repeat throttle would hold back most of a benchmark's identical lines; its own case turns it on.
    log_repeat_limit: 0,
    ...options,
  });
  return {
    tracker,
    clock,
    http,
    drain() {
      clock.advance(16);
      tracker.flush();
      tracker.tick();
      http.respond();
      tracker.tick();
    },
  };
}
