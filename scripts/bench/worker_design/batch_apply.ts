import type { Tracker } from '../../../addons/game_tracker/core/api';
import { OP, STRIDE } from '../../../addons/game_tracker/godot/call_queue';
import { applyCall } from '../../../addons/game_tracker/godot/core_taker';
import { SPAN_HANDLE } from '../../../addons/game_tracker/godot/span_handles';
import type { SpanHolder } from '../../../addons/game_tracker/godot/span_handles';
import { PARENT_IS_SPAN } from './protocol';

const START_SPAN = OP.start_span;
const SPAN_END = OP['span.end'];

/**
 * The worker's side of a message (engine-agnostic, so tests run it on a real core): each call made on
 * the core in order, exactly as the autoload's hand-over makes it (core_taker.ts: its Godot containers
 * read here, on the worker's thread), with the core's clock pinned to the time the game made it
 * (`pin`, undefined for calls without one). `spans` maps the main thread's span numbers to holders
 * of the core's spans, until each span's end.
 */
export function applyBatch(tracker: Tracker, spans: Map<number, SpanHolder>, calls: readonly unknown[], pin: (ms: number | undefined) => void): void {
  try {
    for (let at = 0; at + STRIDE <= calls.length; at += STRIDE) {
      const atMs = calls[at + 5] as number;
      pin(atMs >= 0 ? atMs : undefined);
      const coded = calls[at] as number;
      const op = coded & ~PARENT_IS_SPAN;
      const number = calls[at + 1] as number;
      let holder = spans.get(number);
      if (op === START_SPAN) spans.set(number, (holder = { [SPAN_HANDLE]: undefined }));
      const third = (coded & PARENT_IS_SPAN) !== 0 ? spans.get(calls[at + 4] as number) : argument(calls[at + 4]);
      applyCall(tracker, op, holder, argument(calls[at + 2]), argument(calls[at + 3]), third);
      if (op === SPAN_END) spans.delete(number);
    }
  } finally {
    pin(undefined);
  }
}

/** A left-out argument may arrive as null; the core's defaults need undefined. */
function argument(value: unknown): unknown {
  return value === null ? undefined : value;
}
