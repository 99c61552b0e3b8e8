import { Node, RefCounted } from 'godot';
import EmptySpan from './empty_span';

/**
 * The engine floors of issue #12, for call_cost.gd: what any GodotJS addon pays for being called from
 * GDScript (an empty method taking a String and a Dictionary) and for handing GDScript a span object
 * (first_in_frame.gd compares it with an engine object that has no script).
 */
export default class EmptyCalls extends Node {
  noop(_msg?: unknown, _data?: unknown): void {}

  make_span(_name?: unknown, _attrs?: unknown): EmptySpan {
    return new EmptySpan();
  }

  /** An engine RefCounted with no script: what creating an object costs from TS without a script instance. */
  make_plain(): RefCounted {
    return new RefCounted();
  }
}
