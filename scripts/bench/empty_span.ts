import { RefCounted } from 'godot';

/** The floor of any span object handed to GDScript (issue #12): a script RefCounted with an empty `end()`. */
export default class EmptySpan extends RefCounted {
  end(): void {}
}
