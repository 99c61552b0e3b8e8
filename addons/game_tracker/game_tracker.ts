import { Engine, GDictionary, Node } from 'godot';
import type GameTrackerSpan from './game_tracker_span';
import { wrapSpan } from './game_tracker_span';
import { statsDictionary } from './godot/stats_dictionary';
import { toPlain } from './godot/to_plain';
import { TrackerHost } from './godot/tracker_host';

/**
 * The GameTracker autoload: register it as `GameTracker` (the plugin does). The class needs another
 * name, or GDScript resolves `GameTracker` to the class instead of the autoload.
 *
 * Every method takes GDScript or TypeScript values as they come (Dictionaries, Arrays, Vectors, ints
 * past 2^53 as BigInt), converts them to plain data for the core, returns at once and never throws.
 */
export default class GameTrackerNode extends Node {
  private static current: GameTrackerNode | null = null;
  private readonly host = new TrackerHost(this);

  /** The running autoload, for TypeScript callers; null outside a running game. */
  static get instance(): GameTrackerNode | null {
    return GameTrackerNode.current;
  }

  // Set here, not in the constructor: GodotJS also constructs a default instance of each script class.
  override _enter_tree(): void {
    if (!Engine.is_editor_hint()) GameTrackerNode.current = this;
  }

  /** Runs after `get_tree().quit()` (and closing the window): the last chance to send what is left. */
  override _exit_tree(): void {
    this.host.exit();
    if (GameTrackerNode.current === this) GameTrackerNode.current = null;
  }

  override _ready(): void {
    this.host.start();
  }

  override _process(): void {
    this.host.tick();
  }

  override _notification(what: number): void {
    this.host.onNotification(what);
  }

  /** Options as in the README's table, plus `handle_quit: true` to flush before the window closes. */
  init(options?: unknown): void {
    this.host.init(options);
  }

  log_debug(msg?: unknown, data?: unknown): void {
    this.host.use('log_debug', (tracker) => tracker.log_debug(toPlain(msg), toPlain(data)));
  }

  log_info(msg?: unknown, data?: unknown): void {
    this.host.use('log_info', (tracker) => tracker.log_info(toPlain(msg), toPlain(data)));
  }

  log_warn(msg?: unknown, data?: unknown): void {
    this.host.use('log_warn', (tracker) => tracker.log_warn(toPlain(msg), toPlain(data)));
  }

  log_error(msg?: unknown, data?: unknown): void {
    this.host.use('log_error', (tracker) => tracker.log_error(toPlain(msg), toPlain(data)));
  }

  /** Counter; the series is exported as `<name>_total`. `by` defaults to 1. */
  increment(name?: unknown, labels?: unknown, by?: unknown): void {
    this.host.use('increment', (tracker) => tracker.increment(toPlain(name), toPlain(labels), toPlain(by)));
  }

  gauge(name?: unknown, value?: unknown, labels?: unknown): void {
    this.host.use('gauge', (tracker) => tracker.gauge(toPlain(name), toPlain(value), toPlain(labels)));
  }

  histogram(name?: unknown, value?: unknown, labels?: unknown): void {
    this.host.use('histogram', (tracker) => tracker.histogram(toPlain(name), toPlain(value), toPlain(labels)));
  }

  /** Always returns a span object (one that ignores calls if tracking is off), never null. */
  start_span(name?: unknown, attrs?: unknown, parent?: unknown): GameTrackerSpan {
    const handle = this.host.read('start_span', undefined, (tracker) =>
      tracker.start_span(toPlain(name), toPlain(attrs), toPlain(parent)),
    );
    return wrapSpan(handle);
  }

  set_user(user?: unknown): void {
    this.host.use('set_user', (tracker) => tracker.set_user(toPlain(user)));
  }

  set_context(name?: unknown, values?: unknown): void {
    this.host.use('set_context', (tracker) => tracker.set_context(toPlain(name), toPlain(values)));
  }

  set_tag(key?: unknown, value?: unknown): void {
    this.host.use('set_tag', (tracker) => tracker.set_tag(toPlain(key), toPlain(value)));
  }

  flush(): void {
    this.host.use('flush', (tracker) => tracker.flush());
  }

  /** Stops accepting data and sends the rest; `on_done` (a Callable or function) runs when done. */
  shutdown(timeout_ms?: unknown, on_done?: unknown): void {
    this.host.shutdown(timeout_ms, on_done);
  }

  /** Shuts down (default timeout 2 s), then quits with `exit_code`. */
  flush_and_quit(timeout_ms?: unknown, exit_code?: unknown): void {
    this.host.flushAndQuit(timeout_ms, exit_code);
  }

  /** Counters per signal (produced, sent, pending, dropped by reason) and the session id. */
  stats(): GDictionary {
    return this.host.read('stats', null, (tracker) => statsDictionary(tracker.stats())) ?? GDictionary.create({});
  }
}
