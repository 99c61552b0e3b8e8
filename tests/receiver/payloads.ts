/**
 * Request bodies for the receiver tests, built from the upstream schemas (the oracles' reflected types
 * for remote write and OTLP, the receiver's Loki schema for Loki protobuf), never from GameTracker's
 * encoders; and a POST helper.
 */
import { loadSchemas } from '../../demo/receiver/proto_schemas';
import { otlpTraceRequestType, remoteWriteRequestType, snappyCompress } from '../support/oracles';

export const REMOTE_WRITE_HEADERS = {
  'content-type': 'application/x-protobuf',
  'content-encoding': 'snappy',
  'x-prometheus-remote-write-version': '0.1.0',
} as const;

export interface PostResult {
  readonly status: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly text: string;
}

export async function post(url: string, body: string | Uint8Array, headers: Record<string, string>): Promise<PostResult> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', bytes, text: Buffer.from(bytes).toString('utf8') };
}

/** Nanoseconds since the epoch as a decimal string, for a time `agoMs` before now. */
export function unixNanoString(agoMs = 0): string {
  return `${Date.now() - agoMs}000000`;
}

export interface TestSeries {
  readonly labels: readonly (readonly [string, string])[];
  readonly samples: readonly (readonly [value: number, timestampMs: number])[];
}

export function remoteWriteBody(series: readonly TestSeries[]): Uint8Array {
  const type = remoteWriteRequestType();
  const message = type.fromObject({
    timeseries: series.map((item) => ({
      labels: item.labels.map(([name, value]) => ({ name, value })),
      samples: item.samples.map(([value, timestamp]) => ({ value, timestamp })),
    })),
  });
  return snappyCompress(type.encode(message).finish());
}

export interface TestStream {
  readonly labels: string;
  readonly entries: readonly { readonly unixNano: string; readonly line: string; readonly metadata?: Record<string, string> }[];
}

export function lokiProtobufBody(streams: readonly TestStream[]): Uint8Array {
  const type = loadSchemas().lokiPushRequest;
  const message = type.fromObject({
    streams: streams.map((stream) => ({
      labels: stream.labels,
      entries: stream.entries.map((entry) => ({
        timestamp: { seconds: entry.unixNano.slice(0, -9), nanos: Number(entry.unixNano.slice(-9)) },
        line: entry.line,
        structuredMetadata: Object.entries(entry.metadata ?? {}).map(([name, value]) => ({ name, value })),
      })),
    })),
  });
  return snappyCompress(type.encode(message).finish());
}

/** A span in test shorthand; times in milliseconds after `baseUnixNano`. */
export interface TestSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly error?: string;
}

const BASE_UNIX_MS = 1_700_000_000_000;

function nanoAfterBase(ms: number): string {
  return (BigInt(BASE_UNIX_MS) * 1_000_000n + BigInt(Math.round(ms * 1_000_000))).toString();
}

/** OTLP/JSON as the specification writes it: hex ids, string nanos, integer enums, lowerCamelCase. */
export function otlpJsonBody(serviceName: string, spans: readonly TestSpan[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'game_tracker' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: 1,
              startTimeUnixNano: nanoAfterBase(span.startMs),
              endTimeUnixNano: nanoAfterBase(span.endMs),
              attributes: [{ key: 'level', value: { stringValue: 'forest' } }],
              status: span.error === undefined ? { code: 0 } : { code: 2, message: span.error },
            })),
          },
        ],
      },
    ],
  });
}

/** The same spans as protobuf, through the oracle's reflected upstream type (proto field names). */
export function otlpProtobufBody(serviceName: string, spans: readonly TestSpan[]): Uint8Array {
  const type = otlpTraceRequestType();
  const message = type.fromObject({
    resource_spans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { string_value: serviceName } }] },
        scope_spans: [
          {
            spans: spans.map((span) => ({
              trace_id: Buffer.from(span.traceId, 'hex'),
              span_id: Buffer.from(span.spanId, 'hex'),
              parent_span_id: Buffer.from(span.parentSpanId ?? '', 'hex'),
              name: span.name,
              kind: 1,
              start_time_unix_nano: nanoAfterBase(span.startMs),
              end_time_unix_nano: nanoAfterBase(span.endMs),
              status: span.error === undefined ? {} : { code: 2, message: span.error },
            })),
          },
        ],
      },
    ],
  });
  return type.encode(message).finish();
}
