import type { SpanHandle } from '../core/api';

/**
 * Links each GameTrackerSpan (the Godot-facing wrapper) to its core SpanHandle. Kept apart from the
 * wrapper class so that argument conversion can unwrap spans without importing the script class;
 * weak, so an ended span dropped by the game is collected with its wrapper.
 */
const handles = new WeakMap<object, SpanHandle>();

export function attachSpanHandle(wrapper: object, handle: SpanHandle): void {
  handles.set(wrapper, handle);
}

export function spanHandleOf(value: unknown): SpanHandle | undefined {
  return typeof value === 'object' && value !== null ? handles.get(value) : undefined;
}
