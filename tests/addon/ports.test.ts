import { beforeEach, describe, expect, it } from 'vitest';
import { gatherDeviceInfo } from '../../addons/game_tracker/godot/device_info';
import { godotClock, monotonicSource } from '../../addons/game_tracker/godot/godot_clock';
import { createGodotRandom } from '../../addons/game_tracker/godot/godot_random';
import { godotWarn, godotWarningSink } from '../../addons/game_tracker/godot/godot_warn';
import { advanceTime, engine, resetEngine } from '../godot_double/engine_state';

beforeEach(resetEngine);

describe('godotClock', () => {
  it('gives the wall clock in ms from seconds and the monotonic clock in ms from microseconds', () => {
    expect(Math.abs(godotClock.unixMs() - Date.now())).toBeLessThan(50);
    const before = godotClock.monotonicMs();
    advanceTime(1500);
    expect(godotClock.monotonicMs() - before).toBeGreaterThanOrEqual(1500);
    expect(godotClock.monotonicMs() - before).toBeLessThan(1600);
  });

  it("reads QuickJS-NG's own performance.now() where it exists, else Godot's tick counter", () => {
    const performance = { now: () => 42.5 };
    expect(monotonicSource('quickjs-ng-0.10.1', { performance }).now()).toBe(42.5);
    const ticksMs = monotonicSource('v8-12.4', { performance }).now();
    expect(Math.abs(ticksMs - monotonicSource('quickjs-ng-0.10.1', {}).now())).toBeLessThan(50);
    expect(ticksMs).not.toBe(42.5);
  });
});

describe('createGodotRandom', () => {
  it('returns exactly the bytes asked for, from Crypto', () => {
    const random = createGodotRandom();
    const bytes = random.bytes(16);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(16);
    expect(random.bytes(16)).not.toEqual(bytes);
  });

  it('still returns full, varying bytes when Crypto fails (the core loops until it gets non-zero ids)', () => {
    engine.cryptoFails = true;
    const random = createGodotRandom();
    const samples = Array.from({ length: 4 }, () => random.bytes(8));
    expect(samples.every((s) => s.length === 8)).toBe(true);
    expect(new Set(samples.map((s) => s.join(','))).size).toBe(4);
  });
});

describe('godotWarn', () => {
  it('pushes a prefixed Godot warning', () => {
    godotWarn('queue full');
    expect(engine.warnings).toEqual(['[GameTracker] queue full']);
  });

  it('passes the core\'s lines, prefixed already, on as they are', () => {
    godotWarningSink('[GameTracker] logs send failed: HTTP 500');
    expect(engine.warnings).toEqual(['[GameTracker] logs send failed: HTTP 500']);
  });
});

describe('gatherDeviceInfo', () => {
  it('reads OS, engine, GPU, screen, CPU, memory and the JS engine', () => {
    expect(gatherDeviceInfo()).toEqual({
      os_name: 'Linux',
      os_version: '6.1.0',
      locale: 'en_US',
      godot_version: '4.6.1-stable (official)',
      js_engine: 'node-double',
      gpu_name: 'Double GPU',
      gpu_vendor: 'Double Vendor',
      screen_size: '1920x1080',
      cpu_name: 'Double CPU @ 3.0GHz',
      cpu_count: 8,
      memory_mb: 16384,
      arch: 'x86_64',
    });
  });

  it('leaves out what a headless build lacks or cannot read, and keeps the rest', () => {
    engine.gpuName = '';
    engine.screen = { width: 0, height: 0 };
    engine.failingProbes = new Set(['RenderingServer.get_video_adapter_vendor', 'OS.get_memory_info', 'Engine.get_version_info']);
    const info = gatherDeviceInfo();
    expect(info).not.toHaveProperty('gpu_name');
    expect(info).not.toHaveProperty('gpu_vendor');
    expect(info).not.toHaveProperty('screen_size');
    expect(info).not.toHaveProperty('memory_mb');
    expect(info).not.toHaveProperty('godot_version');
    expect(info).toMatchObject({ os_name: 'Linux', cpu_count: 8, arch: 'x86_64' });
  });
});
