/** A live span handed to the game; becomes a SpanRecord when it ends. */
import type { SpanHandle } from '../api';
import { toAttributes } from '../attributes';
import { truncate } from '../normalize';
import type { Attributes } from '../types';
import type { SpanEvent, SpanRecord } from './span_record';
import { SPAN_KIND_INTERNAL, STATUS_ERROR, STATUS_UNSET } from './span_record';

const MAX_EVENTS = 128;
export const MAX_SPAN_NAME_LENGTH = 256;

/** What a span needs from its tracker. */
export interface SpanOwner {
  nowUnixMs(): number;
  /** Receives the finished span exactly once. */
  finish(span: Span, record: SpanRecord): void;
  warn(kind: string, message: string): void;
}

export class Span implements SpanHandle {
  private readonly attributes: Attributes;
  private droppedAttributes = 0;
  private readonly events: SpanEvent[] = [];
  private droppedEvents = 0;
  private statusCode = STATUS_UNSET;
  private statusMessage: string | undefined;
  private ended = false;

  constructor(
    private readonly owner: SpanOwner | undefined,
    readonly trace_id: string,
    readonly span_id: string,
    readonly parentSpanId: string | undefined,
    private readonly name: string,
    private readonly startUnixMs: number,
    baseAttributes: Readonly<Attributes>,
    attrs: unknown,
  ) {
    this.attributes = { ...baseAttributes };
    this.droppedAttributes = toAttributes(attrs, this.attributes).dropped;
  }

  /** Spans refused by a limit (or after shutdown) carry ids but record nothing. */
  is_recording(): boolean {
    return this.owner !== undefined && !this.ended;
  }

  set_attribute(key: unknown, value: unknown): void {
    if (!this.is_recording() || typeof key !== 'string' || key === '') return;
    this.droppedAttributes += toAttributes({ [key]: value }, this.attributes).dropped;
  }

  add_event(name: unknown, attrs?: unknown): void {
    if (!this.is_recording()) return;
    if (this.events.length >= MAX_EVENTS) {
      this.droppedEvents++;
      return;
    }
    const { attributes } = toAttributes(attrs);
    this.events.push({ timeUnixMs: this.owner!.nowUnixMs(), name: truncate(String(name), MAX_SPAN_NAME_LENGTH), attributes });
  }

  set_error(message?: unknown): void {
    if (!this.is_recording()) return;
    this.statusCode = STATUS_ERROR;
    this.statusMessage = message === undefined || message === null ? undefined : truncate(String(message), 1024);
  }

  end(): void {
    if (this.owner === undefined) return;
    if (this.ended) {
      this.owner.warn('span_end_twice', `span "${this.name}" ended more than once; later calls ignored`);
      return;
    }
    this.ended = true;
    const endUnixMs = Math.max(this.startUnixMs, this.owner.nowUnixMs());
    this.owner.finish(this, {
      traceId: this.trace_id,
      spanId: this.span_id,
      parentSpanId: this.parentSpanId,
      name: this.name,
      kind: SPAN_KIND_INTERNAL,
      startUnixMs: this.startUnixMs,
      endUnixMs,
      attributes: this.attributes,
      droppedAttributesCount: this.droppedAttributes,
      events: this.events,
      droppedEventsCount: this.droppedEvents,
      statusCode: this.statusCode,
      statusMessage: this.statusMessage,
    });
  }
}
