/**
 * "Sane on the wire", checked with the independent decoders: whatever the game passed, each request
 * is one a receiver accepts as a whole (a single bad line or series would make it refuse the push).
 */
import { expect } from 'vitest';
import type { HttpRequest } from '../../addons/game_tracker/core/ports';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';

/** Loki's default `max_line_size` is 256 KB; Mimir's `max_label_names_per_series` is 30. */
const LOKI_MAX_LINE_BYTES = 256 * 1024;
const LOKI_MAX_METADATA_ENTRIES = 128;
const MAX_LABEL_NAMES = 30;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** What OTLP receivers accept by default (20 MiB) is far above this; the point is "bounded". */
const MAX_TRACES_BODY_CHARS = 8 * 1024 * 1024;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function expectSaneRequest(request: HttpRequest): void {
  if (request.channel === 'logs') expectSaneLokiPush(request.body as string);
  else if (request.channel === 'traces') expectSaneOtlp(request.body as string);
  else expectSaneRemoteWrite(request.body as Uint8Array);
}

function expectSaneLokiPush(body: string): void {
  for (const stream of checkLokiPushJson(body)) {
    for (const entry of stream.values) {
      expect(utf8Length(entry.line)).toBeLessThanOrEqual(LOKI_MAX_LINE_BYTES);
      const line = JSON.parse(entry.line) as { msg: unknown };
      expect(typeof line.msg).toBe('string');
      const metadata = Object.entries(entry.metadata ?? {});
      expect(metadata.length).toBeLessThanOrEqual(LOKI_MAX_METADATA_ENTRIES);
      for (const [name, value] of metadata) {
        expect(name).toMatch(LABEL_NAME);
        expect(typeof value).toBe('string');
      }
    }
  }
}

function expectSaneOtlp(body: string): void {
  expect(body.length).toBeLessThanOrEqual(MAX_TRACES_BODY_CHARS);
  const request = decodeOtlpTracesJson(body);
  for (const rs of request.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
        expect(BigInt(span.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano));
      }
    }
  }
}

function expectSaneRemoteWrite(body: Uint8Array): void {
  const request = decodeRemoteWrite(body);
  const seen = new Set<string>();
  for (const series of request.timeseries) {
    const names = series.labels.map((l) => l.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeLessThanOrEqual(MAX_LABEL_NAMES);
    for (const label of series.labels) {
      if (label.name === '__name__') expect(label.value).toMatch(METRIC_NAME);
      else expect(label.name).toMatch(LABEL_NAME);
      expect(label.value).not.toBe('');
    }
    // Two series with the same labels in one push: Prometheus refuses the whole push (duplicate sample).
    const identity = JSON.stringify(series.labels);
    expect(seen.has(identity), `duplicate series ${identity}`).toBe(false);
    seen.add(identity);
    expect(series.samples).toHaveLength(1);
    for (const sample of series.samples) {
      expect(Number.isFinite(sample.value)).toBe(true);
      expect(sample.timestampMs).toBeGreaterThan(0);
    }
  }
}
