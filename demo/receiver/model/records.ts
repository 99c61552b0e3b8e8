/** What the receiver keeps of each signal, whichever wire format carried it. */

/** One log line: Loki stream labels plus structured metadata (session_id, trace_id, ...). */
export interface LogEntry {
  readonly timeUnixNano: bigint;
  readonly line: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface LabelPair {
  readonly name: string;
  readonly value: string;
}

/** One remote-write series: its full label set as sent (with __name__) and its samples in order. */
export interface SeriesSamples {
  readonly labels: readonly LabelPair[];
  readonly samples: readonly { readonly value: number; readonly timestampMs: number }[];
}

/** An OTLP AnyValue as plain data; int64 beyond 2^53 stays a decimal string, bytes become hex. */
export type AttributeValue = string | number | boolean | null | readonly AttributeValue[] | { readonly [key: string]: AttributeValue };

export interface SpanRecord {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  /** 16 lower-case hex digits. */
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string;
  /** The resource's `service.name` (GameTracker sets the game name). */
  readonly serviceName: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly events: readonly { readonly name: string; readonly timeUnixNano: bigint }[];
}
