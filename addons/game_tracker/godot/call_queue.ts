import { Callable } from 'godot';
import type { Tracker } from '../core/api';
import { godotClock } from './godot_clock';
import { godotWarn } from './godot_warn';
import type { ReplayClock } from './replay_clock';
import { snapshot } from './snapshot';
import { attachSpanHandle, spanHandleOf } from './span_handles';
import { toPlain } from './to_plain';

/** The calls the autoload records; the index is the entry's op code. */
const OP_NAMES = [
  'log_debug', 'log_info', 'log_warn', 'log_error', 'increment', 'gauge', 'histogram', 'set_user', 'set_context', 'set_tag',
  'start_span', 'span.end', 'span.set_attribute', 'span.add_event', 'span.set_error',
] as const;
export type OpName = (typeof OP_NAMES)[number];
const OP: Readonly<Record<OpName, number>> = Object.fromEntries(OP_NAMES.map((name, i) => [name, i])) as Record<OpName, number>;
/** Calls whose time the core reads: the clock is read when the game makes them, and pinned while the core takes them in. */
const TIMED: readonly boolean[] = OP_NAMES.map((name) => name.startsWith('log_') || name === 'start_span' || name === 'span.end' || name === 'span.add_event');

/** Calls kept within a frame before a call drains the queue itself (a burst costs that call, nothing is lost). */
const CAPACITY = 512;
const MASK = CAPACITY - 1;
const STRIDE = 6;

/**
 * The autoload's per-call path. A call from the game is recorded here in a few writes (its arguments
 * snapshotted, see snapshot.ts, and the clock read if the core needs the call's time) and returns;
 * the core takes the calls in, in order, at the end of the frame (see drain) or before anything that
 * reads the core (stats, flush, a span's ids, init, shutdown). Converting GDScript values and
 * validating them is where a call's time went (every read of a Dictionary entry crosses into the
 * engine); it now happens once per frame, outside the game's code. Slots are preallocated: recording
 * a call allocates nothing.
 */
export class CallQueue {
  /** One flat array, STRIDE slots per call (op, span, three arguments, time): one property read per write. */
  private readonly slots = new Array<unknown>(CAPACITY * STRIDE);
  private head = 0;
  private count = 0;
  private draining = false;
  /** A drain is queued for the end of this frame (Godot's deferred calls); made on first use, never in a constructor. */
  private drainScheduled = false;
  private drainAtFrameEnd: Callable | undefined;
  /** Set once the game is quitting: no frame end will come, so each call goes to the core at once. */
  private atOnce = false;

  /** The engine's clock read directly, not through the replay clock: one call less per timed call. */
  private readonly now = godotClock.monotonicMs;

  /** `tracker()` gives the core (null in the editor, where calls are dropped), without draining. */
  constructor(
    private readonly clock: ReplayClock,
    private readonly tracker: () => Tracker | null,
  ) {}

  /**
   * Records one call; never throws. `span` is the wrapper a span call is about. The common case (a
   * string and a Dictionary) runs no try block and writes only the slots it uses: slots are cleared
   * when their call is taken.
   */
  record(name: OpName, span: object | undefined, first?: unknown, second?: unknown, third?: unknown): void {
    if (this.count === CAPACITY && !this.makeRoom(name)) return;
    const op = OP[name];
    const base = ((this.head + this.count) & MASK) * STRIDE;
    const slots = this.slots;
    slots[base] = op;
    if (span !== undefined) slots[base + 1] = span;
    // Most arguments are strings and numbers: no call for them.
    if (first !== undefined) slots[base + 2] = typeof first === 'object' && first !== null ? keep(name, first) : first;
    if (second !== undefined) slots[base + 3] = typeof second === 'object' && second !== null ? keep(name, second) : second;
    if (third !== undefined) slots[base + 4] = typeof third === 'object' && third !== null ? keep(name, third) : third;
    slots[base + 5] = TIMED[op] === true ? this.now() : -1;
    this.count++;
    if (!this.drainScheduled) this.scheduleDrain();
  }

  /**
   * Hands the recorded calls to the core, oldest first; calls made meanwhile wait for the next drain.
   * It runs at the end of the frame in which they were made: after every node's _process, so outside
   * the game's code, and before Godot frees the nodes queued for deletion, so that a node passed in the
   * data is still described by its name. The tick and anything that reads the core drain too.
   */
  drain(): void {
    this.drainScheduled = false;
    if (this.draining || this.count === 0) return;
    this.draining = true;
    try {
      const tracker = this.tracker();
      for (let n = this.count; n > 0; n--) this.takeOne(tracker);
    } finally {
      this.clock.unpin();
      this.draining = false;
    }
  }

  /**
   * From now on every call is handed over as it is made: after the quit's last send (other nodes'
   * `_exit_tree` may still log), so that the closed core counts each one (dropped: shutdown) instead of
   * leaving it in a queue no frame will empty.
   */
  handOverAtOnce(): void {
    this.atOnce = true;
    this.drain();
  }

  /** One native call per frame that has calls (and a Callable made once). */
  private scheduleDrain(): void {
    if (this.atOnce) return this.drain();
    this.drainScheduled = true;
    try {
      this.drainAtFrameEnd ??= Callable.create(() => this.drain());
      this.drainAtFrameEnd.call_deferred();
    } catch (error) {
      // The next tick, or anything that reads the core, still hands the calls over.
      warnFailed('call_deferred', error);
    }
  }

  /** A full queue (a burst within one frame) is handed over now, from the call that finds it full. */
  private makeRoom(name: OpName): boolean {
    try {
      this.drain();
    } catch (error) {
      warnFailed(name, error);
    }
    if (this.count < CAPACITY) return true;
    warnFailed(name, new Error('call queue full while it is being drained; call dropped'));
    return false;
  }

  private takeOne(tracker: Tracker | null): void {
    const slots = this.slots;
    const base = this.head * STRIDE;
    const op = slots[base] as number;
    const span = slots[base + 1] as object | undefined;
    const first = slots[base + 2];
    const second = slots[base + 3];
    const third = slots[base + 4];
    const atMs = slots[base + 5] as number;
    // Release the arguments now: a slot may wait a long time before it is reused.
    slots[base + 1] = slots[base + 2] = slots[base + 3] = slots[base + 4] = undefined;
    this.head = (this.head + 1) & MASK;
    this.count--;
    if (tracker === null) return;
    if (atMs >= 0) this.clock.pin(atMs);
    else this.clock.unpin();
    try {
      apply(tracker, op, span, first, second, third);
    } catch (error) {
      warnFailed(OP_NAMES[op] ?? 'call', error);
    }
  }
}

/** One recorded call, as the autoload used to make it directly. */
function apply(tracker: Tracker, op: number, span: object | undefined, first: unknown, second: unknown, third: unknown): void {
  switch (OP_NAMES[op]) {
    case 'log_debug':
      return tracker.log_debug(toPlain(first), toPlain(second));
    case 'log_info':
      return tracker.log_info(toPlain(first), toPlain(second));
    case 'log_warn':
      return tracker.log_warn(toPlain(first), toPlain(second));
    case 'log_error':
      return tracker.log_error(toPlain(first), toPlain(second));
    case 'increment':
      return tracker.increment(toPlain(first), toPlain(second), toPlain(third));
    case 'gauge':
      return tracker.gauge(toPlain(first), toPlain(second), toPlain(third));
    case 'histogram':
      return tracker.histogram(toPlain(first), toPlain(second), toPlain(third));
    case 'set_user':
      return tracker.set_user(toPlain(first));
    case 'set_context':
      return tracker.set_context(toPlain(first), toPlain(second));
    case 'set_tag':
      return tracker.set_tag(toPlain(first), toPlain(second));
    case 'start_span':
      if (span !== undefined) attachSpanHandle(span, tracker.start_span(toPlain(first), toPlain(second), toPlain(third)));
      return;
    case 'span.end':
      return spanHandleOf(span)?.end();
    case 'span.set_attribute':
      return spanHandleOf(span)?.set_attribute(String(first), toPlain(second));
    case 'span.add_event':
      return spanHandleOf(span)?.add_event(String(first), toPlain(second));
    case 'span.set_error':
      return spanHandleOf(span)?.set_error(toPlain(first));
    default:
      return undefined;
  }
}

/** The argument as it is now (snapshot.ts); one that cannot be read is sent as a marker, and the call still counts. */
function keep(name: OpName, value: object): unknown {
  try {
    return snapshot(value);
  } catch (error) {
    warnFailed(name, error);
    return '[unreadable]';
  }
}

function warnFailed(what: string, error: unknown): void {
  godotWarn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}
