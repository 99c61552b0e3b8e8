import { Node } from 'godot';
import EmptySpan from './empty_span';

/**
 * The engine floors of issue #12, for call_cost.gd: what any GodotJS addon pays for being called from
 * GDScript (an empty method taking a String and a Dictionary) and for handing GDScript a span object.
 */
export default class EmptyCalls extends Node {
  noop(_msg?: unknown, _data?: unknown): void {}

  make_span(_name?: unknown, _attrs?: unknown): EmptySpan {
    return new EmptySpan();
  }
}
