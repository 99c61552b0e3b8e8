import { RefCounted } from 'godot';
import type { CallQueue } from './godot/call_queue';
import { guarded } from './godot/guarded';
import { SPAN_HANDLE, spanHandleOf } from './godot/span_handles';
import type { SpanHandle } from './core/api';
import type { SpanPool } from './godot/span_pool';

/**
 * Who held a span object when its span was ended: GDScript (a Variant besides the JS binding), or only
 * TypeScript. Only one that GDScript alone ended may stand for another span (span_pool.ts).
 */
const ENDED_IN_GDSCRIPT = 1;
const ENDED_IN_TYPESCRIPT = 2;
/** In the pool's list: offered once, however many times the span was ended. */
const POOLED = 4;

/**
 * What `GameTracker.start_span()` returns: a RefCounted object that GDScript can call methods on and
 * pass back as `parent` (or as `{"span": span}` in log data). Its calls are recorded in the autoload's
 * call queue, in order with every other call, and reach the core's span at the end of the frame with
 * the time they were made; reading its ids first hands the queued calls to the core. One created any other
 * way (`GameTrackerSpan.new()`) has no queue and ignores every call.
 */
export default class GameTrackerSpan extends RefCounted {
  #calls: CallQueue | undefined;
  #handle: SpanHandle | undefined;
  /**
   * ENDED_IN_GDSCRIPT, ENDED_IN_TYPESCRIPT and POOLED in one field: every field is defined anew on each
   * object, and a span object may be made at the call.
   */
  #flags = 0;
  static #ignoring: GameTrackerSpan | undefined;

  /** Symbol-keyed: GDScript sees string-named methods only (see span_handles.ts). */
  get [SPAN_HANDLE](): SpanHandle | undefined {
    return this.#handle;
  }

  set [SPAN_HANDLE](handle: SpanHandle | undefined) {
    this.#handle = handle;
  }

  /**
   * A wrapper for a span recorded in `calls`: one from `pool` that GDScript is done with, else a new
   * one. Static, so not a script method: GDScript cannot give a wrapper another queue.
   */
  static recorded(calls: CallQueue, pool: SpanPool<GameTrackerSpan>): GameTrackerSpan {
    const span = pool.take() ?? new GameTrackerSpan();
    span.#handle = undefined;
    span.#flags = 0;
    span.#calls = calls;
    return span;
  }

  /** The core has ended the span of `span`: into `pool` if GDScript ended it (see span_pool.ts). */
  static offer(span: object, pool: SpanPool<GameTrackerSpan>): void {
    if (!(span instanceof GameTrackerSpan) || span.#flags !== ENDED_IN_GDSCRIPT) return;
    span.#flags |= POOLED;
    pool.add(span);
  }

  /** The one span object a switched-off tracker hands out: it ignores every call, and costs no allocation. */
  static ignoring(): GameTrackerSpan {
    GameTrackerSpan.#ignoring ??= new GameTrackerSpan();
    return GameTrackerSpan.#ignoring;
  }

  end(): void {
    const calls = this.#calls;
    if (calls === undefined) return;
    calls.record('span.end', this);
    // Above 1: a GDScript Variant holds this object besides its JS binding (see span_pool.ts).
    this.#flags |= this.get_reference_count() > 1 ? ENDED_IN_GDSCRIPT : ENDED_IN_TYPESCRIPT;
  }

  set_attribute(key?: unknown, value?: unknown): void {
    this.#calls?.record('span.set_attribute', this, key, value);
  }

  add_event(name?: unknown, attrs?: unknown): void {
    this.#calls?.record('span.add_event', this, name, attrs);
  }

  set_error(message?: unknown): void {
    this.#calls?.record('span.set_error', this, message);
  }

  is_recording(): boolean {
    return this.handle()?.is_recording() ?? false;
  }

  /** 32 hex digits, or "" for a span that holds none. */
  trace_id(): string {
    return this.handle()?.trace_id ?? '';
  }

  /** 16 hex digits, or "" for a span that holds none. */
  span_id(): string {
    return this.handle()?.span_id ?? '';
  }

  private handle(): SpanHandle | undefined {
    return guarded('span', undefined, () => {
      this.#calls?.drain();
      return spanHandleOf(this);
    });
  }
}
