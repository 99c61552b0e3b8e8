import { EditorPlugin } from 'godot';
import { createClassBinder } from 'godot.annotations';

/** The autoload name GDScript uses; it must differ from the autoload's class name (GameTrackerNode). */
const AUTOLOAD_NAME = 'GameTracker';
const AUTOLOAD_PATH = 'res://addons/game_tracker/game_tracker.ts';

const bind = createClassBinder();

/**
 * Registers the autoload when the plugin is enabled and removes it when disabled (not in _enter_tree,
 * which runs on every editor start). A tool script, so that it runs in the editor.
 */
@bind()
@bind.tool()
export default class GameTrackerPlugin extends EditorPlugin {
  override _enable_plugin(): void {
    this.add_autoload_singleton(AUTOLOAD_NAME, AUTOLOAD_PATH);
  }

  override _disable_plugin(): void {
    this.remove_autoload_singleton(AUTOLOAD_NAME);
  }
}
