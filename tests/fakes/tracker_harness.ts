import type { Tracker } from '../../addons/game_tracker/core/api';
import type { TrackerPorts } from '../../addons/game_tracker/core/ports';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { FakeBlockingHttp } from './fake_blocking_http';
import { FakeClock } from './fake_clock';
import { FakeHttp } from './fake_http';
import { SeededRandom } from './seeded_random';

export interface Harness {
  tracker: Tracker;
  clock: FakeClock;
  http: FakeHttp;
  /** The port `exit()` sends through. */
  blocking: FakeBlockingHttp;
  warnings: string[];
  /** The ports the tracker was made with (a test may add `monitors`). */
  ports: TrackerPorts;
  /** Advances the clock and ticks, like frames passing. */
  frames(count: number, frameMs?: number): void;
}

export function createHarness(options: Record<string, unknown> = {}, init = true): Harness {
  const clock = new FakeClock();
  const http = new FakeHttp();
  const blocking = new FakeBlockingHttp();
  const warnings: string[] = [];
  const ports: TrackerPorts = { clock, random: new SeededRandom(), http, blockingHttp: blocking, warn: (m) => warnings.push(m) };
  const tracker = createTracker(ports, { os_name: 'Linux', godot_version: '4.6.1' });
  if (init) tracker.init({ endpoint: 'http://127.0.0.1:9', game: 'test_game', version: '1.0.0', environment: 'test', ...options });
  return {
    tracker,
    clock,
    http,
    blocking,
    warnings,
    ports,
    frames(count, frameMs = 16) {
      for (let i = 0; i < count; i++) {
        clock.advance(frameMs);
        tracker.tick();
      }
    },
  };
}
