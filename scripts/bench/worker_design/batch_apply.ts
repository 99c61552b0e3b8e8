import type { SpanHandle, Tracker } from '../../../addons/game_tracker/core/api';
import { BATCH_STRIDE, FORWARDED_OPS } from './protocol';

/**
 * The worker's side of a batch (engine-agnostic, so tests run it on a real core): each call applied
 * to the core in order, with the core's clock pinned to the time the game made it (`pin`, undefined
 * for calls without one). `spans` maps the main thread's span numbers to the core's spans.
 */
export function applyBatch(tracker: Tracker, spans: Map<number, SpanHandle>, batch: readonly unknown[], pin: (ms: number | undefined) => void): void {
  try {
    for (let at = 0; at + BATCH_STRIDE <= batch.length; at += BATCH_STRIDE) {
      const atMs = batch[at + 5] as number;
      pin(atMs >= 0 ? atMs : undefined);
      apply(tracker, spans, FORWARDED_OPS[batch[at] as number], batch[at + 1] as number, argument(batch[at + 2]), argument(batch[at + 3]), argument(batch[at + 4]));
    }
  } finally {
    pin(undefined);
  }
}

/** JSON has no undefined: a left-out argument arrives as null, and the core's defaults need undefined. */
function argument(value: unknown): unknown {
  return value === null ? undefined : value;
}

function apply(tracker: Tracker, spans: Map<number, SpanHandle>, op: (typeof FORWARDED_OPS)[number] | undefined, spanId: number, first: unknown, second: unknown, third: unknown): void {
  switch (op) {
    case 'init':
      return tracker.init(first);
    case 'log_info':
      return tracker.log_info(first, second);
    case 'increment':
      return tracker.increment(first, second, third);
    case 'gauge':
      return tracker.gauge(first, second, third);
    case 'histogram':
      return tracker.histogram(first, second, third);
    case 'start_span':
      spans.set(spanId, tracker.start_span(first, second, spans.get(third as number)));
      return;
    case 'span.end':
      spans.get(spanId)?.end();
      spans.delete(spanId);
      return;
    default:
      return;
  }
}
