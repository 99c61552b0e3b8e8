import { OP, OP_NAMES, STRIDE, warnFailed } from '../../../addons/game_tracker/godot/call_queue';
import type { CallTaker } from '../../../addons/game_tracker/godot/call_queue';
import { ArrayClass, DictionaryClass } from '../../../addons/game_tracker/godot/engine_classes';
import { isSpanWrapper } from '../../../addons/game_tracker/godot/span_handles';
import { toPlain } from '../../../addons/game_tracker/godot/to_plain';
import { CALLS_PER_MESSAGE, PARENT_IS_SPAN } from './protocol';

const START_SPAN = OP.start_span;
const SPAN_END = OP['span.end'];
/**
 * Where a wrapper keeps the number its span was given when its start was forwarded: a plain property,
 * not a handle object made per span (0.26-0.44 µs in the engine, conversions.tscn). The wrapper holds no
 * core span on this thread, so its ids read "" here.
 */
const FORWARDED_SPAN = Symbol('forwarded span number');

interface Numbered {
  [FORWARDED_SPAN]?: number;
}

/**
 * The main thread's hand-over in the worker design: each recorded call goes into the next message as
 * the call queue recorded it, without reading its Godot Dictionaries and Arrays: Godot's copies are
 * posted as they are, and the worker reads them (conversions.tscn times both ways). Only what cannot
 * cross is replaced: a span wrapper by its number, and any other object (a Node, a TypeScript
 * caller's converted data, a vector) by its plain form now, on this thread, while a node passed in
 * the data still exists.
 *
 * A benchmark, not the addon: GodotJS refuses a message holding an Object outside its transfer list,
 * so an object or span inside a posted Dictionary would fail the post (this benchmark passes none),
 * and a span's ids are not readable on this thread.
 */
export class ForwardingTaker implements CallTaker {
  /** The message being filled. */
  private current: unknown[] = [];
  private nextSpan = 1;

  constructor(
    /** A span wrapper whose call the worker will end (the span pool hears of it, as with the core). */
    private readonly spanEnded: (wrapper: object) => void,
    /** One message's calls, in the call queue's layout. */
    private readonly post: (calls: unknown[]) => void,
  ) {}

  begin(): void {}

  /** Posts what the hand-over took since the last full message. */
  end(): void {
    if (this.current.length > 0) this.postCurrent();
  }

  take(calls: readonly unknown[], at: number): void {
    try {
      this.forward(calls, at);
    } catch (error) {
      warnFailed(OP_NAMES[calls[at] as number] ?? 'call', error);
    }
  }

  private forward(calls: readonly unknown[], at: number): void {
    let op = calls[at] as number;
    const wrapper = calls[at + 1] as object | undefined;
    const parent = calls[at + 4];
    let third: unknown;
    let span = 0;
    if (wrapper !== undefined) {
      if (op === START_SPAN) (wrapper as Numbered)[FORWARDED_SPAN] = span = this.nextSpan++;
      else span = numberOf(wrapper);
    }
    if (op === START_SPAN && typeof parent === 'object' && parent !== null && isSpanWrapper(parent)) {
      op |= PARENT_IS_SPAN;
      third = numberOf(parent);
    } else {
      third = crossing(parent);
    }
    if (this.current.length >= CALLS_PER_MESSAGE * STRIDE) this.postCurrent();
    this.current.push(op, span, crossing(calls[at + 2]), crossing(calls[at + 3]), third, calls[at + 5]);
    if (op === SPAN_END && wrapper !== undefined) this.spanEnded(wrapper);
  }

  private postCurrent(): void {
    const calls = this.current;
    this.current = [];
    this.post(calls);
  }
}

/** An argument as it may cross: primitives and Godot's containers as they are, anything else in its plain form. */
function crossing(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? toPlain(value) : value;
  return value instanceof DictionaryClass || value instanceof ArrayClass ? value : toPlain(value);
}

/** The number a wrapper's span was given when its start was forwarded (0: none, a span this design never started). */
function numberOf(wrapper: object): number {
  return (wrapper as Numbered)[FORWARDED_SPAN] ?? 0;
}
