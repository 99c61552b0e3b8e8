/**
 * scripts/bench/call_cost.tscn measures issue #12 in a real engine; no test here can run GDScript, so
 * this checks what can be checked without one: the scene's scripts exist, and every method the
 * GDScript calls exists on the autoload, on the floors' script class, and on what they return.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import EmptyCalls from '../../scripts/bench/empty_calls';
import EmptySpan from '../../scripts/bench/empty_span';
import HealthCosts from '../../scripts/bench/health_costs';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const called = (source: string, receiver: string): string[] => [...source.matchAll(new RegExp(`\\b${receiver}\\.(\\w+)\\(`, 'g'))].map((m) => m[1] as string);

describe('the real-engine benchmark scene (scripts/bench/call_cost.tscn)', () => {
  it('refers to scripts that exist', () => {
    const scene = read('scripts/bench/call_cost.tscn');
    const paths = [...scene.matchAll(/path="res:\/\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(paths).toEqual(['scripts/bench/call_cost.gd', 'scripts/bench/empty_calls.ts', 'scripts/bench/worker_design/worker_design.ts']);
    for (const file of paths) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it('calls only methods the autoload, the floors and the span objects have', () => {
    const gd = read('scripts/bench/call_cost.gd');
    const autoloadCalls = new Set(called(gd, 'GameTracker'));
    expect([...autoloadCalls].sort()).toEqual(['init', 'stats']);
    for (const method of autoloadCalls) expect(typeof (GameTrackerNode.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
    for (const method of called(gd, 'empty_calls')) expect(typeof (EmptyCalls.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
    // The measured calls go to `target` (per call) or `_target` (per frame): the autoload, or the worker
    // design's node with the same methods. That node imports "godot.worker", which exists only in the
    // engine: its methods are read from its source.
    const workerDesignMethods = new Set([...read('scripts/bench/worker_design/worker_design.ts').matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1] as string));
    const measured = new Set([...called(gd, 'target'), ...called(gd, '_target')]);
    expect([...measured].sort()).toEqual(['gauge', 'histogram', 'increment', 'log_info', 'start_span']);
    for (const method of measured) {
      expect(typeof (GameTrackerNode.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
      expect(workerDesignMethods, method).toContain(method);
    }
    for (const method of new Set(called(gd, 'worker_design'))) expect(workerDesignMethods, method).toContain(method);
    expect([...new Set(called(gd, 'worker_design'))].sort()).toEqual(['hand_over_all', 'last_report', 'request_report', 'start']);
    // Spans: `span.end()`, `floor_span.end()`, `frame.end()` and a chained `.end()`.
    expect(typeof GameTrackerSpan.prototype.end).toBe('function');
    expect(typeof EmptySpan.prototype.end).toBe('function');
  });

  it.each(['switched_off', 'first_in_frame'])('%s.tscn calls only what the autoload and the floors have', (scene) => {
    const gd = read(`scripts/bench/${scene}.gd`);
    expect(read(`scripts/bench/${scene}.tscn`)).toContain('res://scripts/bench/empty_calls.ts');
    for (const method of new Set(called(gd, 'GameTracker'))) expect(typeof (GameTrackerNode.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
    for (const method of called(gd, 'empty_calls')) expect(typeof (EmptyCalls.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
  });

  it('worker_quit.tscn calls only what the worker design has, and prints what engine:check compares', () => {
    const gd = read('scripts/bench/worker_quit.gd');
    expect(read('scripts/bench/worker_quit.tscn')).toContain('res://scripts/bench/worker_design/worker_design.ts');
    const workerDesignMethods = new Set([...read('scripts/bench/worker_design/worker_design.ts').matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1] as string));
    expect([...new Set(called(gd, 'worker_design'))].sort()).toEqual(['increment', 'log_info', 'start', 'start_span']);
    for (const method of new Set(called(gd, 'worker_design'))) expect(workerDesignMethods, method).toContain(method);
    // tools/engine_check/main.ts reads this line to know what must arrive.
    expect(gd).toContain('print("made: %d log lines, %d increments, 2 spans"');
  });

  it('health_costs.tscn calls only what the autoload and its TS helper have', () => {
    const gd = read('scripts/bench/health_costs.gd');
    expect(read('scripts/bench/health_costs.tscn')).toContain('res://scripts/bench/health_costs.ts');
    for (const method of new Set(called(gd, 'GameTracker'))) expect(typeof (GameTrackerNode.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
    for (const method of called(gd, 'costs')) expect(typeof (HealthCosts.prototype as unknown as Record<string, unknown>)[method], method).toBe('function');
  });
});
