import { Callable, Engine, GDictionary, Node, OS, ProjectSettings } from 'godot';
import type { GWrappableValue } from 'godot';
import GameTrackerLogger, { ENGINE_HAS_LOGGER } from '../game_tracker_logger';
import GameTrackerSpan from '../game_tracker_span';
import type { Tracker } from '../core/api';
import { isDictionary } from '../core/normalize';
import { createTracker } from '../core/tracker';
import { createGodotBlockingHttp } from './blocking_http';
import { CallQueue, HAND_OVER_MS } from './call_queue';
import { CoreTaker } from './core_taker';
import { gatherDeviceInfo } from './device_info';
import { readEngineMonitors } from './engine_monitors';
import { createGodotHttp } from './godot_http';
import { createGodotRandom } from './godot_random';
import { godotWarn, godotWarningSink } from './godot_warn';
import { guarded } from './guarded';
import { ReplayClock } from './replay_clock';
import { SpanPool } from './span_pool';
import { toPlain } from './to_plain';

/**
 * Everything the GameTracker autoload does besides exposing its methods: it owns the core tracker and
 * the quit handling. A plain object, so that none of these helpers becomes a script method GDScript
 * can see, and constructing it (GodotJS also builds a default instance of every script class) does
 * nothing.
 */
export class TrackerHost {
  private readonly node: Node;
  private tracker: Tracker | null = null;
  private handleQuit = false;
  private quitting = false;
  /** `init({"enabled": false})`: the core is gone and never created again. */
  disabled = false;
  /** Installed when `engine_errors` (or `auto_capture`) is on and the engine has Logger (4.5+). */
  private logger: GameTrackerLogger | undefined;
  private readonly clock = new ReplayClock();
  /** Span objects GDScript is done with, for the next spans (span_pool.ts). */
  readonly spans = new SpanPool<GameTrackerSpan>();
  /** The per-call path (logs, metrics, context, spans): recorded now, handed to the core in order later. */
  readonly calls = new CallQueue(new CoreTaker(this.clock, () => this.created(), (wrapper) => GameTrackerSpan.offer(wrapper, this.spans)));

  constructor(node: Node) {
    this.node = node;
  }

  start(): void {
    guarded('_ready', undefined, () => {
      if (Engine.is_editor_hint()) return;
      // Sending, retries and the shutdown deadline all run from _process: keep them going while paused.
      this.node.process_mode = Node.ProcessMode.PROCESS_MODE_ALWAYS;
      this.core();
    });
  }

  /**
   * What earlier frames left of their calls (a burst), within the frame's share, then the frame's
   * delta (sessions and frame health: no native call) and the core's tick.
   */
  tick(deltaS: number): void {
    guarded('_process', undefined, () => {
      this.calls.handOverFor(HAND_OVER_MS);
      const tracker = this.tracker;
      if (tracker === null) return;
      this.logger?.drainInto((error) => tracker.engine_error(error));
      tracker.frame(deltaS * MS_PER_S);
      tracker.tick();
    });
  }

  /**
   * The autoload leaves the tree: after `get_tree().quit()`, closing the window or the OS asking the
   * game to close, this is the last code that runs with the engine alive, and no frame follows. The
   * core sends what is left with blocking requests, within `quit_timeout_ms`. Calls recorded since the
   * last hand-over (the game's last lines, other nodes' `_exit_tree`) go to the core first.
   */
  exit(): void {
    guarded('_exit_tree', undefined, () => {
      this.calls.drain();
      this.removeLogger();
      this.tracker?.exit();
      this.calls.handOverAtOnce();
    });
  }

  /** Calls into the core; does nothing in the editor and never throws. */
  use(what: string, call: (tracker: Tracker) => void): void {
    this.read(what, undefined, call);
  }

  read<T>(what: string, fallback: T, call: (tracker: Tracker) => T): T {
    return guarded(what, fallback, () => {
      const tracker = this.core();
      return tracker === null ? fallback : call(tracker);
    });
  }

  /** The project setting `game_tracker/enabled` (absent: enabled), read once when the autoload enters the tree. */
  enabledInProject(): boolean {
    return guarded('project setting', true, () => ProjectSettings.get_setting(ENABLED_SETTING, true) !== false);
  }

  /**
   * `handle_quit` and `enabled` are the addon's own options; a GDScript `before_send` Callable becomes a
   * function; the rest goes to the core, which warns about unknown keys.
   */
  init(rawOptions: unknown): void {
    this.use('init', (tracker) => {
      const options = toPlain(rawOptions);
      if (!isDictionary(options)) return tracker.init(options);
      const { handle_quit: handleQuit, enabled, before_send: beforeSend, engine_errors: engineErrors, ...coreOptions } = options;
      if (enabled === false) return this.disable(tracker);
      if (enabled !== undefined && enabled !== true) godotWarn('init: enabled must be true or false; ignored');
      tracker.init(beforeSend === undefined ? coreOptions : { ...coreOptions, before_send: toFilter(beforeSend) });
      if (engineErrors === true || (engineErrors === undefined && coreOptions['auto_capture'] === true)) this.installLogger();
      else if (engineErrors !== undefined && engineErrors !== false) godotWarn('init: engine_errors must be true or false; ignored');
      if (handleQuit === true) this.takeOverQuit();
      else if (handleQuit !== undefined && handleQuit !== false) godotWarn('init: handle_quit must be true or false; ignored');
    });
  }

  shutdown(timeoutMs: unknown, onDone: unknown): void {
    const done = toCallback(onDone);
    const ran = this.read('shutdown', false, (tracker) => {
      tracker.shutdown(toPlain(timeoutMs), done);
      return true;
    });
    // No core (the editor, or switched off): nothing to send, but the game still hears that it is done.
    if (!ran) done?.();
  }

  /** Sends what is queued (up to the timeout), then quits; a second call while quitting is ignored. */
  flushAndQuit(timeoutMs: unknown, exitCode: unknown): void {
    guarded('flush_and_quit', undefined, () => {
      if (this.quitting) return;
      const tree = this.node.get_tree();
      this.quitting = true;
      const code = toPlain(exitCode);
      const quit = (): void => (typeof code === 'number' ? tree.quit(code) : tree.quit());
      const tracker = this.core();
      if (tracker === null) quit();
      else tracker.shutdown(toPlain(timeoutMs), quit);
    });
  }

  onNotification(what: number): void {
    // Called for every notification of the node (several per frame): compare, and create nothing.
    if (what === Node.NOTIFICATION_WM_CLOSE_REQUEST) {
      if (this.handleQuit) this.flushAndQuit(undefined, undefined);
    } else if (what === Node.NOTIFICATION_APPLICATION_PAUSED || what === Node.NOTIFICATION_WM_GO_BACK_REQUEST) {
      // Mobile: the OS may kill a paused app; start sending now, best effort.
      guarded('flush', undefined, () => this.tracker?.flush());
    } else if (what === Node.NOTIFICATION_APPLICATION_RESUMED) {
      guarded('resumed', undefined, () => this.tracker?.resumed());
    }
  }

  /** The core with every recorded call handed to it: what reads or drives the core sees them all. */
  private core(): Tracker | null {
    this.calls.drain();
    return this.created();
  }

  /** Engine and script errors from now on (see game_tracker_logger.ts); an engine without Logger says so once. */
  private installLogger(): void {
    if (!ENGINE_HAS_LOGGER) return godotWarn('init: engine_errors needs Godot 4.5 or later (Logger); ignored');
    this.logger = new GameTrackerLogger();
    OS.add_logger(this.logger);
  }

  /** At quit: what the logger still holds goes to the core first; errors after that are not reported. */
  private removeLogger(): void {
    const logger = this.logger;
    if (logger === undefined) return;
    this.logger = undefined;
    OS.remove_logger(logger);
    logger.drainInto((error) => this.tracker?.engine_error(error));
  }

  /**
   * Switched off by init: what was recorded before is forgotten (never sent), and from now on the
   * autoload returns from every call at once (GameTrackerNode.off).
   */
  private disable(tracker: Tracker): void {
    this.disabled = true;
    this.calls.discard();
    tracker.shutdown(0);
    this.tracker = null;
  }

  /** Created on first use, so calls made before the autoload's _ready (other autoloads) are kept. */
  private created(): Tracker | null {
    if (this.tracker === null && !this.disabled && !Engine.is_editor_hint()) {
      const ports = {
        clock: this.clock,
        random: createGodotRandom(),
        http: createGodotHttp(this.node),
        blockingHttp: createGodotBlockingHttp(this.clock),
        warn: godotWarningSink,
        monitors: readEngineMonitors,
      };
      this.tracker = createTracker(ports, gatherDeviceInfo());
    }
    return this.tracker;
  }

  /**
   * Closing the window then only notifies; the tracker flushes without blocking and then quits (a
   * global, documented change). `auto_accept_quit` is a property in GodotJS: there is no setter method.
   */
  private takeOverQuit(): void {
    this.handleQuit = true;
    this.node.get_tree().auto_accept_quit = false;
  }
}

const ENABLED_SETTING = 'game_tracker/enabled';
const MS_PER_S = 1000;

/**
 * A GDScript `before_send` Callable as the core's filter: the event goes to GDScript as a Dictionary,
 * and what it returns comes back as plain data (null drops the event). A TS function is used as it is.
 */
function toFilter(value: unknown): unknown {
  if (!(value instanceof Callable)) return value;
  // Events hold plain JSON-like data only (the core built them), which GDictionary.create converts deeply.
  return (event: Record<string, unknown>): unknown => toPlain(value.call(GDictionary.create(event as Record<string, GWrappableValue>)));
}

/** GDScript passes a Callable, TypeScript a function. */
function toCallback(value: unknown): (() => void) | undefined {
  if (typeof value === 'function') return () => guarded('shutdown callback', undefined, () => value());
  if (value instanceof Callable) return () => guarded('shutdown callback', undefined, () => value.call());
  return undefined;
}
