import { Engine, GDictionary, Node } from 'godot';
import GameTrackerSpan from './game_tracker_span';
import { statsDictionary } from './godot/stats_dictionary';
import { TrackerHost } from './godot/tracker_host';

/**
 * The GameTracker autoload: register it as `GameTracker` (the plugin does). The class needs another
 * name, or GDScript resolves `GameTracker` to the class instead of the autoload.
 *
 * Every method takes GDScript or TypeScript values as they come (Dictionaries, Arrays, Vectors, ints
 * past 2^53 as BigInt), returns at once and never throws. Logs, metrics, context and spans are recorded
 * (their data as it is at the call) and handed to the core, converted to plain data, at the end of the
 * frame or before anything that reads the core: see godot/call_queue.ts.
 */
export default class GameTrackerNode extends Node {
  private static current: GameTrackerNode | null = null;
  private readonly host = new TrackerHost(this);
  /** The host's call queue and span pool, held here too: each call reads one property less. */
  private readonly calls = this.host.calls;
  private readonly spans = this.host.spans;
  /**
   * Switched off (`init({"enabled": false})` or the project setting `game_tracker/enabled`): every
   * call returns at once, recording and allocating nothing.
   */
  private off = false;

  /** The running autoload, for TypeScript callers; null outside a running game. */
  static get instance(): GameTrackerNode | null {
    return GameTrackerNode.current;
  }

  // Set here, not in the constructor: GodotJS also constructs a default instance of each script class.
  override _enter_tree(): void {
    if (Engine.is_editor_hint()) return;
    GameTrackerNode.current = this;
    this.off = !this.host.enabledInProject();
  }

  /** Runs after `get_tree().quit()` (and closing the window): the last chance to send what is left. */
  override _exit_tree(): void {
    this.host.exit();
    if (GameTrackerNode.current === this) GameTrackerNode.current = null;
  }

  override _ready(): void {
    this.host.start();
  }

  override _process(delta: number): void {
    this.host.tick(delta);
  }

  override _notification(what: number): void {
    this.host.onNotification(what);
  }

  /** Options as in the README's table, plus `handle_quit: true` to flush before the window closes. */
  init(options?: unknown): void {
    if (this.off) return;
    this.host.init(options);
    this.off = this.host.disabled;
  }

  log_debug(msg?: unknown, data?: unknown): void {
    if (!this.off) this.calls.record('log_debug', undefined, msg, data);
  }

  log_info(msg?: unknown, data?: unknown): void {
    if (!this.off) this.calls.record('log_info', undefined, msg, data);
  }

  log_warn(msg?: unknown, data?: unknown): void {
    if (!this.off) this.calls.record('log_warn', undefined, msg, data);
  }

  log_error(msg?: unknown, data?: unknown): void {
    if (!this.off) this.calls.record('log_error', undefined, msg, data);
  }

  /** Counter; the series is exported as `<name>_total`. `by` defaults to 1. */
  increment(name?: unknown, labels?: unknown, by?: unknown): void {
    if (!this.off) this.calls.record('increment', undefined, name, labels, by);
  }

  gauge(name?: unknown, value?: unknown, labels?: unknown): void {
    if (!this.off) this.calls.record('gauge', undefined, name, value, labels);
  }

  histogram(name?: unknown, value?: unknown, labels?: unknown): void {
    if (!this.off) this.calls.record('histogram', undefined, name, value, labels);
  }

  /** Always returns a span object (one that ignores calls if tracking is off), never null. */
  start_span(name?: unknown, attrs?: unknown, parent?: unknown): GameTrackerSpan {
    if (this.off) return GameTrackerSpan.ignoring();
    const span = GameTrackerSpan.recorded(this.calls, this.spans);
    this.calls.record('start_span', span, name, attrs, parent);
    return span;
  }

  set_user(user?: unknown): void {
    if (!this.off) this.calls.record('set_user', undefined, user);
  }

  set_context(name?: unknown, values?: unknown): void {
    if (!this.off) this.calls.record('set_context', undefined, name, values);
  }

  set_tag(key?: unknown, value?: unknown): void {
    if (!this.off) this.calls.record('set_tag', undefined, key, value);
  }

  /**
   * The player's answer, true or false (see the README's "Privacy"): with `require_consent`, nothing
   * leaves the device before `set_consent(true)`; `set_consent(false)` stops sending at any time,
   * discards what is queued and ends the session.
   */
  set_consent(granted?: unknown): void {
    if (!this.off) this.calls.record('set_consent', undefined, granted);
  }

  flush(): void {
    if (!this.off) this.host.use('flush', (tracker) => tracker.flush());
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
    if (this.off) return GDictionary.create({ enabled: false });
    return this.host.read('stats', null, (tracker) => statsDictionary(tracker.stats())) ?? GDictionary.create({});
  }
}
