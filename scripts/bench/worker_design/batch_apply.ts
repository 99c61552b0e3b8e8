import type { Tracker } from '../../../addons/game_tracker/core/api';
import { OP, STRIDE } from '../../../addons/game_tracker/godot/call_queue';
import { CoreTaker } from '../../../addons/game_tracker/godot/core_taker';
import { SPAN_HANDLE } from '../../../addons/game_tracker/godot/span_handles';
import type { SpanHolder } from '../../../addons/game_tracker/godot/span_handles';
import { PARENT_IS_SPAN } from './protocol';

const START_SPAN = OP.start_span;
const SPAN_END = OP['span.end'];

/**
 * The worker's side of a message (engine-agnostic, so tests run it on a real core): each call made on
 * the core in order by the autoload's own hand-over (core_taker.ts: its Godot containers read here, on
 * the worker's thread, and the core's clock pinned to the time the game made it: `pin`, undefined for
 * calls without one). Span numbers are first put back as holders of the core's spans: `spans` maps
 * them, until each span's end. The message is the worker's own copy, rewritten in place.
 */
export function applyBatch(tracker: Tracker, spans: Map<number, SpanHolder>, calls: unknown[], pin: (ms: number | undefined) => void): void {
  const taker = new CoreTaker({ pin, unpin: () => pin(undefined) }, () => tracker, () => undefined);
  taker.begin();
  try {
    for (let at = 0; at + STRIDE <= calls.length; at += STRIDE) {
      const coded = calls[at] as number;
      const op = coded & ~PARENT_IS_SPAN;
      const number = calls[at + 1] as number;
      if (op === START_SPAN) spans.set(number, { [SPAN_HANDLE]: undefined });
      calls[at] = op;
      calls[at + 1] = spans.get(number);
      calls[at + 4] = (coded & PARENT_IS_SPAN) !== 0 ? spans.get(calls[at + 4] as number) : calls[at + 4];
      for (let i = at + 2; i < at + 5; i++) if (calls[i] === null) calls[i] = undefined;
      taker.take(calls, at);
      if (op === SPAN_END) spans.delete(number);
    }
  } finally {
    taker.end();
  }
}
