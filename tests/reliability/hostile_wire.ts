/** What the hostile-input tests read back from the wire, through the independent decoders. */
import { decodeRemoteWrite } from '../support/oracles';
import type { RemoteWriteSeries } from '../support/oracles';
import type { Harness } from '../fakes/tracker_harness';
import { expectSaneRequest } from './wire_sanity';

export interface SentLine {
  labels: Record<string, string>;
  line: { msg: string; data?: Record<string, unknown>; truncated?: string };
}

/** Flushes, checks every request with the oracles, and answers 204. */
export function flushAll(h: Harness): void {
  h.tracker.flush();
  h.tracker.tick();
  for (const request of h.http.requests) expectSaneRequest(request);
  h.http.respondAll();
}

export function sentLines(h: Harness): SentLine[] {
  flushAll(h);
  return h.http.ofChannel('logs').flatMap((r) =>
    (JSON.parse(r.body as string).streams as { stream: Record<string, string>; values: [string, string][] }[]).flatMap((s) =>
      s.values.map(([, line]) => ({ labels: s.stream, line: JSON.parse(line) as SentLine['line'] })),
    ),
  );
}

export function sentSeries(h: Harness): RemoteWriteSeries[] {
  flushAll(h);
  const pushes = h.http.ofChannel('metrics');
  return pushes.length === 0 ? [] : decodeRemoteWrite(pushes.at(-1)!.body as Uint8Array).timeseries;
}

export function nameOf(series: RemoteWriteSeries): string {
  return series.labels.find((l) => l.name === '__name__')!.value;
}

export interface SentSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  droppedAttributesCount?: number;
}

export function sentSpans(h: Harness): SentSpan[] {
  flushAll(h);
  return h.http.ofChannel('traces').flatMap((r) => JSON.parse(r.body as string).resourceSpans[0].scopeSpans[0].spans as SentSpan[]);
}
