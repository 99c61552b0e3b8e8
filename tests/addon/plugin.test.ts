import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { SDK_VERSION } from '../../addons/game_tracker/core/version';
import * as godot from '../godot_double/godot';
import * as annotations from '../godot_double/godot_annotations';
import { engine, resetEngine } from '../godot_double/engine_state';
import { loadCompiledScript } from './support/compiled_script';

const PluginClass = loadCompiledScript(new URL('../../addons/game_tracker/plugin.ts', import.meta.url), {
  godot,
  'godot.annotations': annotations,
})['default'] as new () => godot.EditorPlugin;

beforeEach(resetEngine);

describe('GameTrackerPlugin', () => {
  it('is a tool script that adds the GameTracker autoload on enable and removes it on disable', () => {
    expect(annotations.toolScripts.has(PluginClass)).toBe(true);
    const plugin = new PluginClass();
    plugin._enable_plugin();
    expect([...engine.autoloads]).toEqual([['GameTracker', 'res://addons/game_tracker/game_tracker.ts']]);
    plugin._disable_plugin();
    expect(engine.autoloads.size).toBe(0);
  });

  it('is named in plugin.cfg, whose version matches the SDK version', () => {
    const cfg = readFileSync(new URL('../../addons/game_tracker/plugin.cfg', import.meta.url), 'utf8');
    expect(cfg).toMatch(/^script="plugin\.ts"$/m);
    expect(cfg).toMatch(new RegExp(`^version="${SDK_VERSION.replace(/\./g, '\\.')}"$`, 'm'));
  });

  it('registers the autoload under a name no GodotJS global class takes', () => {
    // GodotJS registers `export default class X` as global class X; Godot refuses an autoload named like one.
    const sources = ['game_tracker.ts', 'game_tracker_span.ts', 'plugin.ts'].map((file) =>
      readFileSync(new URL(`../../addons/game_tracker/${file}`, import.meta.url), 'utf8'),
    );
    const classNames = sources.flatMap((source) => [...source.matchAll(/^export default class (\w+)/gm)].map((m) => m[1]));
    expect(classNames).toEqual(['GameTrackerNode', 'GameTrackerSpan', 'GameTrackerPlugin']);
    expect(classNames).not.toContain('GameTracker');
  });
});
