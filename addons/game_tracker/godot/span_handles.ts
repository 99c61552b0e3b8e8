import type { SpanHandle } from '../core/api';

/**
 * Links each GameTrackerSpan (the Godot-facing wrapper) to its core SpanHandle. Kept apart from the
 * wrapper class so that argument conversion can unwrap spans without importing the script class;
 * weak, so an ended span dropped by the game is collected with its wrapper. A wrapper is registered
 * when `start_span` returns it and gets its handle when the core takes the queued start in.
 */
const handles = new WeakMap<object, SpanHandle | null>();

export function registerSpanWrapper(wrapper: object): void {
  handles.set(wrapper, null);
}

export function attachSpanHandle(wrapper: object, handle: SpanHandle): void {
  handles.set(wrapper, handle);
}

export function spanHandleOf(value: unknown): SpanHandle | undefined {
  return typeof value === 'object' && value !== null ? (handles.get(value) ?? undefined) : undefined;
}

/** A wrapper returned by `start_span`, with or without its handle yet. */
export function isSpanWrapper(value: object): boolean {
  return handles.has(value);
}
