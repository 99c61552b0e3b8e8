/**
 * Engine and script errors through the autoload's Logger (issue #19), in the Godot double: an error
 * arrives as a log line with the script's file:line, function and stack; one raised on every frame is
 * deduplicated and summarised; many distinct ones are bounded per minute; one raised on a Thread is
 * refused by GodotJS and never runs JS; the addon's own warnings are not reported back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS_PER_WINDOW, ERROR_WINDOW_MS } from '../../addons/game_tracker/core/health/engine_errors';
import type { GDictionary } from '../godot_double/containers';
import { engine } from '../godot_double/engine_state';
import { raiseEngineError } from '../godot_double/logger';
import { checkLokiPushJson } from '../support/oracles';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFramesUntil } from './support/frames';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

interface Line {
  readonly level: string;
  readonly msg: string;
  readonly data: Record<string, unknown>;
}

function lines(s: AutoloadScene): Line[] {
  return s.bodies(PATHS.logs).flatMap((body) => checkLokiPushJson(String(body))).flatMap((stream) =>
    stream.values.map((v) => ({ level: stream.stream['level'] ?? '', ...(JSON.parse(v.line) as { msg: string; data: Record<string, unknown> }) })),
  );
}

const logStat = (s: AutoloadScene, key: string): unknown => ((s.gd('stats') as GDictionary).get('logs') as GDictionary).get(key);
const dropped = (s: AutoloadScene, reason: string): unknown => (((s.gd('stats') as GDictionary).get('logs') as GDictionary).get('dropped') as GDictionary).get(reason);
const STACK = [
  { file: 'res://player.gd', line: 42, function: 'take_damage' },
  { file: 'res://main.gd', line: 7, function: '_process' },
];

describe('engine_errors', () => {
  it('sends a script error as a log line with the script place, function and stack', async () => {
    const s = (scene = await startAutoload({ engine_errors: true, flush_interval_ms: 100 }));
    raiseEngineError({ type: 2, function: '_process', file: 'res://main.gd', line: 7, code: 'Invalid access to property "hp"', stack: STACK });
    raiseEngineError({ code: 'Level file missing', stack: STACK });
    s.gd('flush');
    await runFramesUntil(s.tree, () => lines(s).length >= 2);
    const [script, pushed] = lines(s);
    expect(script).toMatchObject({ level: 'error', msg: 'Invalid access to property "hp"', data: { type: 'script_error', file: 'res://player.gd', line: 42, function: 'take_damage' } });
    expect(String(script?.data['stack'])).toContain('res://main.gd:7');
    expect(pushed?.data).toMatchObject({ type: 'error', file: 'res://player.gd', line: 42, engine_file: 'core/variant/variant_utility.cpp:1034' });
    expect(engine.scriptErrors).toEqual([]);
  });

  it('an error on every frame is sent once, its repeats counted and summarised; distinct errors are bounded per minute', async () => {
    const s = (scene = await startAutoload({ engine_errors: true, flush_interval_ms: 100, queue_limit: 1000, batch_size: 100 }));
    for (let frame = 0; frame < 300; frame++) {
      raiseEngineError({ code: 'Same bug every frame', stack: STACK });
      s.tree.step(1 / 60);
    }
    for (let i = 0; i < ERRORS_PER_WINDOW + 10; i++) raiseEngineError({ code: `Distinct ${i}`, line: i });
    s.tree.step(1 / 60);
    expect(dropped(s, 'throttled')).toBe(299);
    expect(dropped(s, 'limit')).toBe(11);
    engine.timeOffsetMs += ERROR_WINDOW_MS;
    raiseEngineError({ code: 'After the window' });
    s.gd('flush');
    await runFramesUntil(s.tree, () => lines(s).some((line) => line.msg === 'After the window'));
    const every = lines(s).filter((line) => line.msg.startsWith('Same bug every frame'));
    expect(every.map((line) => line.msg)).toEqual(['Same bug every frame', 'Same bug every frame (repeated 299 times)']);
    expect(lines(s).filter((line) => line.msg.startsWith('Distinct'))).toHaveLength(ERRORS_PER_WINDOW - 1);
  });

  it('errors raised on a Thread never reach JS (GodotJS refuses the call): nothing breaks, nothing is sent', async () => {
    const s = (scene = await startAutoload({ engine_errors: true, flush_interval_ms: 100 }));
    const before = logStat(s, 'produced');
    raiseEngineError({ code: 'From a worker thread', offMainThread: true });
    s.tree.step(1 / 60);
    expect(logStat(s, 'produced')).toBe(before);
    expect(engine.errorPrints.some((line) => line.includes('different thread'))).toBe(true);
    expect(engine.scriptErrors).toEqual([]);
  });

  it("never reports the addon's own warnings, and is off unless asked for (auto_capture turns it on)", async () => {
    const off = await startAutoload({ flush_interval_ms: 100 });
    expect(engine.loggers).toHaveLength(0);
    await off.server.stop();
    const s = (scene = await startAutoload({ auto_capture: true, flush_interval_ms: 100 }));
    expect(engine.loggers).toHaveLength(1);
    const before = logStat(s, 'produced');
    s.gd('increment', '');
    s.tree.step(1 / 60);
    expect(engine.warnings.some((w) => w.startsWith('[GameTracker]'))).toBe(true);
    expect(logStat(s, 'produced')).toBe(before);
  });

  it('removes its logger when the game quits', async () => {
    const s = (scene = await startAutoload({ engine_errors: true, quit_timeout_ms: 0 }));
    expect(engine.loggers).toHaveLength(1);
    s.tree.quit();
    s.tree.step();
    expect(engine.loggers).toHaveLength(0);
  });

  it('a storm of errors within one frame keeps what it can and counts the rest (limit), every one in the books', async () => {
    const s = (scene = await startAutoload({ engine_errors: true, queue_limit: 2000 }));
    const before = logStat(s, 'produced') as number;
    for (let i = 0; i < 1000; i++) raiseEngineError({ code: 'storm' });
    s.tree.step(1 / 60);
    const produced = (logStat(s, 'produced') as number) - before;
    expect(produced).toBe(1000 + 1);
    expect(dropped(s, 'throttled')).toBe(255);
    expect(dropped(s, 'limit')).toBe(1000 - 256);
  });
});
