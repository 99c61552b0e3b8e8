/** What the pool needs of a span wrapper: Godot's reference count. */
export interface PooledWrapper {
  get_reference_count(): number;
}

/** Ended wrappers kept for reuse; past this, the oldest is let go as before. */
const MAX_KEPT = 64;
/** Wrappers looked at per `start_span`: each look is one native call (Godot's reference count). */
const LOOKS_PER_TAKE = 2;

/**
 * Span objects handed to GDScript, reused once GDScript is done with them. In a real engine the first
 * new script object of a frame costs far more than the ones after it (~130-400 µs against ~5-7 µs,
 * scripts/bench/first_in_frame.tscn), and each span a game started was one. A wrapper stands for a
 * new span only when:
 * - GDScript held it when it ended its span (its reference count was above 1 then). A wrapper that
 *   TypeScript ended is never reused: Godot does not count TypeScript's references, and TypeScript
 *   may keep one after `end()`;
 * - the core has taken that `end()` in (the pool hears of a wrapper only then);
 * - nothing in Godot holds it any more: its reference count is 1, its JS binding's own. A GDScript
 *   variable, or a Dictionary passed in a call (Godot's copy of it included), keeps it out.
 * Calls recorded with the wrapper before it was reused still reach its earlier span: the core takes
 * calls in the order they were made, and the new span is attached only when its own `start_span` is.
 */
export class SpanPool<W extends PooledWrapper> {
  private readonly ended: W[] = [];

  /** The core has ended the span of `wrapper`, which GDScript held when it ended it. */
  add(wrapper: W): void {
    // The oldest go first: one a game keeps in a variable for good would otherwise stay forever.
    if (this.ended.length >= MAX_KEPT) this.ended.shift();
    this.ended.push(wrapper);
  }

  /** A wrapper free to stand for a new span, or undefined: the most recently ended are looked at first. */
  take(): W | undefined {
    const ended = this.ended;
    for (let i = ended.length - 1; i >= 0 && i >= ended.length - LOOKS_PER_TAKE; i--) {
      const wrapper = ended[i] as W;
      if (wrapper.get_reference_count() === 1) {
        ended.splice(i, 1);
        return wrapper;
      }
    }
    return undefined;
  }
}
