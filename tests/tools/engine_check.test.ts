/**
 * engine:check needs a GodotJS editor, which CI does not have: it must skip cleanly there. Its table
 * reader is checked on the exact lines scripts/bench/call_cost.gd prints.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCallCostTables } from '../../tools/engine_check/call_cost_tables';
import { problemsIn } from '../../tools/engine_check/godot_process';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run engine:check', () => {
  it('says what it needs and exits 0 without GODOT', () => {
    const env = { ...process.env };
    delete env.GODOT;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/engine_check/main.ts'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^engine:check skipped: set GODOT/);
  });

  it('reads the per-call table and names the targets a run missed', () => {
    const lines = [
      'noise',
      '| Call from GDScript (10000 calls in one frame, median of 5) | µs at the call | × floor (target) | µs all in | × floor (target) |',
      '|---|---|---|---|---|',
      '| floor: empty TS method (String, 1-key Dictionary) | 0.69 | floor | 0.70 | floor |',
      '| log_info("Player joined", {"player_id": "123"}) | 1.90 | 2.71 (3.0) | 10.50 | 15.00 (6.0) |',
      '| span | 6.90 | 1.60 (1.5) | 9.00 | 2.08 (2.5) |',
      '',
      '| Events/s | core runs on | calls | frame work | telemetry | frames over 1 ms |',
      '|---|---|---|---|---|---|',
      'WARNING: [GameTracker] logs send failed (stderr, between two rows)',
      '| 0 | both idle | 0, 0, 0 | 1, 2, 3 | 0, 1, 2 | 0 / 1200 |',
      '| 1000 | game thread | 0, 0, 0 | 1, 2, 3 | 0, 1, 2 | 0 / 1200 |',
      '| 1000 | worker | 0, 0, 0 | 1, 2, 3 | 0, 1, 2 | 0 / 1200 |',
    ];
    const tables = readCallCostTables(lines);
    expect(tables.perCall).toHaveLength(5);
    expect(tables.perFrame).toHaveLength(5);
    expect(tables.missedTargets).toEqual(['log_info("Player joined", {"player_id": "123"}) all in: 15.00× > 6.0×', 'span at the call: 1.60× > 1.5×']);
  });

  it('counts Godot and GodotJS error and warning lines, with their location', () => {
    const problems = problemsIn([
      'Godot Engine v4.6.3',
      'SCRIPT ERROR: Invalid access to property',
      '   at: _ready (res://main.gd:19)',
      'WARNING: [jsb][Warning] failed to check out module',
      '[JS] hello',
      '[jsb][Error] can not call script method from a different thread',
    ]);
    expect(problems.errors).toEqual(['SCRIPT ERROR: Invalid access to property  (at: _ready (res://main.gd:19))', '[jsb][Error] can not call script method from a different thread']);
    expect(problems.warnings).toEqual(['WARNING: [jsb][Warning] failed to check out module']);
  });
});
