import type { Attributes } from '../types';

/** OTLP `Span.SpanKind`: 1-based on the wire (0 is UNSPECIFIED), unlike OpenTelemetry JS's API enum. */
export const SPAN_KIND_INTERNAL = 1;
/** OTLP `Status.StatusCode`. */
export const STATUS_UNSET = 0;
export const STATUS_ERROR = 2;

export interface SpanEvent {
  readonly timeUnixMs: number;
  readonly name: string;
  readonly attributes: Attributes;
}

/** A finished span, as queued for export. */
export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: number;
  readonly startUnixMs: number;
  readonly endUnixMs: number;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  readonly events: readonly SpanEvent[];
  readonly droppedEventsCount: number;
  readonly statusCode: number;
  readonly statusMessage: string | undefined;
}
