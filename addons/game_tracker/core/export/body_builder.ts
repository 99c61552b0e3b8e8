/**
 * A request body written item by item, so that the work of a batch can be spread over ticks: under
 * QuickJS-NG a 100-item batch takes about 1 ms to encode (Loki JSON, OTLP), more than a frame may spend
 * on telemetry (docs/benchmarks.md). The queue outbox stops between items when a tick's time is up and
 * goes on at the next tick; `finish` then closes the body. Per-batch caches (escaped strings, shared
 * metadata) live in the builder, so a body built in pieces is byte for byte the one built at once.
 */
export interface BodyBuilder<T, Body = string | Uint8Array> {
  add(item: T): void;
  finish(): Body;
}

/** The whole body at once: for flushes, shutdown and the last send at quit, which cannot wait for ticks. */
export function buildBody<T, Body>(builder: BodyBuilder<T, Body>, items: readonly T[]): Body {
  for (const item of items) builder.add(item);
  return builder.finish();
}
