import type { SpanHandle } from '../core/api';

/**
 * How the Godot-facing span wrapper (GameTrackerSpan) holds its core SpanHandle: behind a symbol-keyed
 * accessor on the wrapper class, which GodotJS does not expose to GDScript (it lists string-named
 * methods only), so GDScript cannot swap the span inside a wrapper. Kept apart from the wrapper class
 * so that argument conversion can unwrap spans without importing the script class. The handle is set
 * when the core takes the queued `start_span` in; until then a wrapper holds none.
 */
export const SPAN_HANDLE: unique symbol = Symbol('GameTracker span handle');

/** What holds a span's handle: a GameTrackerSpan, or a plain holder where no script object can be. */
export interface SpanHolder {
  [SPAN_HANDLE]: SpanHandle | undefined;
}

/** A GameTrackerSpan, with or without its handle yet. */
export function isSpanWrapper(value: object): value is SpanHolder {
  return SPAN_HANDLE in value;
}

export function spanHandleOf(value: unknown): SpanHandle | undefined {
  return typeof value === 'object' && value !== null && isSpanWrapper(value) ? value[SPAN_HANDLE] : undefined;
}

export function attachSpanHandle(wrapper: object, handle: SpanHandle): void {
  if (isSpanWrapper(wrapper)) wrapper[SPAN_HANDLE] = handle;
}
