/**
 * An engine older than Godot 4.5 has no Logger: GodotJS's module loader throws for an unknown class.
 * The addon still loads, and `engine_errors` warns once and does nothing.
 */
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('godot');
  vi.resetModules();
});

it('loads without Logger and says once that engine_errors needs Godot 4.5', async () => {
  vi.resetModules();
  vi.doMock('godot', async () => {
    const actual = await vi.importActual<Record<string, unknown>>('godot');
    const withoutLogger = { ...actual };
    Object.defineProperty(withoutLogger, 'Logger', {
      enumerable: true,
      get: () => {
        throw new Error("godot class not found 'Logger'");
      },
    });
    return withoutLogger;
  });
  const { ENGINE_HAS_LOGGER } = await import('../../addons/game_tracker/game_tracker_logger');
  expect(ENGINE_HAS_LOGGER).toBe(false);
  const { startAutoload } = await import('./support/autoload');
  const { engine } = await import('../godot_double/engine_state');
  const s = await startAutoload({ engine_errors: true });
  try {
    expect(engine.loggers).toHaveLength(0);
    expect(engine.warnings.filter((w) => w.includes('engine_errors needs Godot 4.5'))).toHaveLength(1);
    expect(engine.scriptErrors).toEqual([]);
  } finally {
    await s.server.stop();
  }
});
