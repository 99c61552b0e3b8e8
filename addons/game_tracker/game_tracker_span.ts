import { RefCounted } from 'godot';
import type { SpanHandle } from './core/api';
import { guarded } from './godot/guarded';
import { attachSpanHandle, spanHandleOf } from './godot/span_handles';
import { toPlain } from './godot/to_plain';

/**
 * What `GameTracker.start_span()` returns: a RefCounted object that GDScript can call methods on and
 * pass back as `parent` (or as `{"span": span}` in log data). It holds the core's span; one created
 * any other way (`GameTrackerSpan.new()`) has none and ignores every call.
 */
export default class GameTrackerSpan extends RefCounted {
  end(): void {
    guarded('span.end', undefined, () => spanHandleOf(this)?.end());
  }

  set_attribute(key?: unknown, value?: unknown): void {
    guarded('span.set_attribute', undefined, () => spanHandleOf(this)?.set_attribute(String(key), toPlain(value)));
  }

  add_event(name?: unknown, attrs?: unknown): void {
    guarded('span.add_event', undefined, () => spanHandleOf(this)?.add_event(String(name), toPlain(attrs)));
  }

  set_error(message?: unknown): void {
    guarded('span.set_error', undefined, () => spanHandleOf(this)?.set_error(toPlain(message)));
  }

  is_recording(): boolean {
    return guarded('span.is_recording', false, () => spanHandleOf(this)?.is_recording() ?? false);
  }

  /** 32 hex digits, or "" for a span that holds none. */
  trace_id(): string {
    return guarded('span.trace_id', '', () => spanHandleOf(this)?.trace_id ?? '');
  }

  /** 16 hex digits, or "" for a span that holds none. */
  span_id(): string {
    return guarded('span.span_id', '', () => spanHandleOf(this)?.span_id ?? '');
  }
}

/** Not a method: GDScript must not be able to swap the span inside a wrapper. */
export function wrapSpan(handle: SpanHandle | undefined): GameTrackerSpan {
  const span = new GameTrackerSpan();
  if (handle !== undefined) attachSpanHandle(span, handle);
  return span;
}
