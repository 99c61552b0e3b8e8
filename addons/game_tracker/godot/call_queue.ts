import { Callable } from 'godot';
import { monotonicTimer } from './godot_clock';
import { godotWarn } from './godot_warn';
import { snapshot } from './snapshot';

/** The calls the autoload records; the index is the entry's op code. */
export const OP_NAMES = [
  'log_debug', 'log_info', 'log_warn', 'log_error', 'increment', 'gauge', 'histogram', 'set_user', 'set_context', 'set_tag',
  'set_consent', 'start_span', 'span.end', 'span.set_attribute', 'span.add_event', 'span.set_error',
] as const;
export type OpName = (typeof OP_NAMES)[number];
export const OP: Readonly<Record<OpName, number>> = Object.fromEntries(OP_NAMES.map((name, i) => [name, i])) as Record<OpName, number>;
/** Calls whose time the core reads: the clock is read when the game makes them, and pinned while the core takes them in. */
const TIMED: readonly boolean[] = OP_NAMES.map((name) => name.startsWith('log_') || name === 'start_span' || name === 'span.end' || name === 'span.add_event');

/**
 * Calls kept before a call hands them over itself. More than a game makes in a frame, bursts included
 * (issue #12 measured a loop of 20,000 calls in one frame): a burst then costs each call only its
 * recording, and the hand-over follows over the next frames. Memory when full: ~100 bytes a call in
 * JS plus Godot's copies of the Dictionaries.
 */
const CAPACITY = 32_768;
/** Entries per recorded call: op, span, three arguments, time (-1: the call has none). */
export const STRIDE = 6;
/** A frame's share of time for handing calls to the core, at the end of the frame and again at the next tick. */
export const HAND_OVER_MS = 0.25;
/**
 * Calls a budgeted hand-over may leave for later frames; past it, it goes on beyond its time. Small:
 * a game that calls faster than the budget hands over waits behind this backlog for good (its lines
 * reach the core this many calls late, and whatever reads the core first hands all of it over), so
 * it only smooths what a frame leaves after a burst.
 */
const MAX_BACKLOG = 512;
/** Calls handed over between two reads of the clock. */
const CALLS_PER_CLOCK_READ = 16;
/** An array that grew past this many entries (a burst) is let go once emptied, rather than kept at that size. */
const KEPT_ARRAY_ENTRIES = 4096 * STRIDE;

/**
 * What a hand-over gives each recorded call to, oldest first: the autoload's core (core_taker.ts), or
 * the worker design's forwarder (scripts/bench/worker_design/).
 */
export interface CallTaker {
  /** Before a hand-over's first call. */
  begin(): void;
  /**
   * One recorded call: `calls[at]` is its op code (OP), then the span wrapper it is about, three
   * arguments and the time it was made (-1: none). Never throws.
   */
  take(calls: readonly unknown[], at: number): void;
  /** After a hand-over's last call, also one that stopped partway or failed. */
  end(): void;
}

/**
 * The autoload's per-call path. A call from the game is recorded here in one `push` (its arguments
 * snapshotted, see snapshot.ts, and the clock read if the core needs the call's time) and returns;
 * the core takes the calls in, in order, at the end of the frame and at the next tick within a share
 * of the frame's time (see handOverFor), or all of them before anything that reads the core (stats,
 * flush, a span's ids, init, shutdown). Converting GDScript values and validating them is where a
 * call's time went (every read of a Dictionary entry crosses into the engine); it now happens outside
 * the game's code, spread over frames after a burst.
 *
 * Why one flat array and `push`: QuickJS interprets every indexed write and index computation
 * separately (tens of ns each), while one `push` of six values is a single native call. In an A/B of
 * the autoload benchmark on native QuickJS-NG our JS per call fell by about a third against writing
 * six slots of a ring buffer; on V8 it costs ~20-45 ns more, as V8 lets an emptied array's storage go
 * and grows it again (docs/benchmarks.md, "From GDScript"). Two arrays take turns, so that a steady
 * game allocates nothing on QuickJS: emptying one keeps its storage.
 */
export class CallQueue {
  private recorded: unknown[] = [];
  /** The calls being handed over, and where the next one starts: a budgeted hand-over may stop partway. */
  private taking: unknown[] = [];
  private next = 0;
  private draining = false;
  /** A drain is queued for the end of this frame (Godot's deferred calls); made on first use, never in a constructor. */
  private drainScheduled = false;
  private drainAtFrameEnd: Callable | undefined;
  /** Set once the game is quitting: no frame end will come, so each call goes to the core at once. */
  private atOnce = false;

  /** The engine's clock read directly, not through the replay clock: one call less per timed call. */
  private readonly timer = monotonicTimer;

  constructor(private readonly taker: CallTaker) {}

  /**
   * Records one call; never throws. `span` is the wrapper a span call is about. Most arguments are
   * strings and numbers, kept as they are; an object is captured (a Dictionary copied) now.
   */
  record(name: OpName, span: object | undefined, first?: unknown, second?: unknown, third?: unknown): void {
    if (this.recorded.length >= CAPACITY * STRIDE && !this.makeRoom(name)) return;
    const op = OP[name];
    this.recorded.push(
      op,
      span,
      typeof first === 'object' ? capture(name, first) : first,
      typeof second === 'object' ? capture(name, second) : second,
      typeof third === 'object' ? capture(name, third) : third,
      TIMED[op] === true ? this.timer.now() : -1,
    );
    if (!this.drainScheduled) this.scheduleDrain();
  }

  /**
   * Hands every recorded call to the core, oldest first: for anything that reads or drives the core,
   * the quit, and a full queue.
   */
  drain(): void {
    this.handOver(Number.POSITIVE_INFINITY);
  }

  /**
   * Hands recorded calls to the core, oldest first, for about `budgetMs` (more if the backlog would
   * exceed MAX_BACKLOG); the rest waits for the next tick. It runs at the end of the frame in which
   * the calls were made: after every node's _process, so outside the game's code, and before Godot
   * frees the nodes queued for deletion, so that a node passed in the data is still described by its
   * name; and at each tick, for what an earlier frame left.
   */
  handOverFor(budgetMs: number): void {
    this.handOver(this.timer.now() + budgetMs);
  }

  private handOver(untilMs: number): void {
    this.drainScheduled = false;
    if (this.draining || (this.next >= this.taking.length && this.recorded.length === 0)) return;
    this.draining = true;
    this.taker.begin();
    try {
      let sinceClockRead = 0;
      while (this.next < this.taking.length || this.takeRecorded()) {
        this.taker.take(this.taking, this.next);
        this.next += STRIDE;
        if (++sinceClockRead < CALLS_PER_CLOCK_READ || untilMs === Number.POSITIVE_INFINITY) continue;
        sinceClockRead = 0;
        if (this.backlog() <= MAX_BACKLOG && this.timer.now() >= untilMs) break;
      }
    } finally {
      this.taker.end();
      this.draining = false;
    }
  }

  /** Calls recorded and not yet handed over. */
  private backlog(): number {
    return (this.taking.length - this.next + this.recorded.length) / STRIDE;
  }

  /**
   * Takes the recorded calls next; the array just taken is emptied (its arguments released) and
   * records the calls made from now on, unless a burst grew it: then a fresh one does.
   */
  private takeRecorded(): boolean {
    const emptied = this.taking;
    const grown = emptied.length > KEPT_ARRAY_ENTRIES;
    emptied.length = 0;
    this.taking = this.recorded;
    this.recorded = grown ? [] : emptied;
    this.next = 0;
    return this.taking.length > 0;
  }

  /** Forgets every recorded call (the addon was switched off by `init({"enabled": false})`). */
  discard(): void {
    this.recorded = [];
    this.taking = [];
    this.next = 0;
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
      this.drainAtFrameEnd ??= Callable.create(() => this.handOverFor(HAND_OVER_MS));
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
    if (this.recorded.length < CAPACITY * STRIDE) return true;
    warnFailed(name, new Error('call queue full while it is being drained; call dropped'));
    return false;
  }
}

/** An object argument as it is now (snapshot.ts); one that cannot be read is sent as a marker, and the call still counts. */
function capture(name: OpName, value: object | null): unknown {
  try {
    return snapshot(value);
  } catch (error) {
    warnFailed(name, error);
    return '[unreadable]';
  }
}

export function warnFailed(what: string, error: unknown): void {
  godotWarn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}
