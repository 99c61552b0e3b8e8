/**
 * A live span handed to the game. When it ends, the span itself is queued as its SpanRecord: after
 * `end()` nothing can change it, so copying it into a second object would only cost time.
 *
 * Shaped for QuickJS, where a span start + end has a 1 µs budget and creating an object costs ~40 ns
 * per own property: a span gets only the five properties every span needs; the rest are defaults on
 * the prototype (see the end of this file) until a span writes its own. Its ids are drawn when first
 * read (by the game, a log line, or the encoder): most spans are only read when their batch is encoded,
 * outside the game's calls. A child reads its trace id from its parent.
 */
import type { SpanHandle } from '../api';
import { toAttributes } from '../attributes';
import { normalizeValue, truncate } from '../normalize';
import type { Attributes } from '../types';
import type { SpanEvent, SpanRecord } from './span_record';
import { SPAN_KIND_INTERNAL, STATUS_ERROR, STATUS_UNSET } from './span_record';
import { runGuarded } from '../guard';

const MAX_EVENTS = 128;
export const MAX_SPAN_NAME_LENGTH = 256;
const NO_EVENTS: SpanEvent[] = Object.freeze([]) as unknown as SpanEvent[];

/** Fresh ids as lower-case hex (see RandomWords). */
export interface IdSource {
  traceIdHex(): string;
  spanIdHex(): string;
}

/** What a span needs from its tracker. */
export interface SpanOwner {
  readonly ids: IdSource;
  nowUnixMs(): number;
  /** Receives the finished span exactly once. */
  finish(span: Span, record: SpanRecord): void;
  warn(kind: string, message: string): void;
}

export class Span implements SpanHandle, SpanRecord {
  // Own properties, all assigned in the constructor. They are `declare`d, not class fields: an ES2022
  // class field is defined by a separate initializer before the constructor runs, which under QuickJS
  // costs a call plus a second write per field.
  declare private readonly owner: SpanOwner | undefined;
  declare private readonly parent: Span | undefined;
  declare readonly name: string;
  declare readonly startUnixMs: number;
  /** The attributes: the tracker's shared context view until this span adds its own (copy on write). */
  declare attributes: Attributes;
  /** Where OpenSpans keeps this span while it is open. */
  declare openIndex: number;

  // Prototype defaults, overwritten per span only when they change.
  declare readonly kind: number;
  /** -1 while the span is open. */
  declare endUnixMs: number;
  declare droppedAttributesCount: number;
  declare events: SpanEvent[];
  declare droppedEventsCount: number;
  declare statusCode: number;
  declare statusMessage: string | undefined;
  declare private ownsAttributes: boolean;
  declare private traceHex: string | undefined;
  declare private idHex: string | undefined;

  /** @param owner undefined for spans refused by a limit or after shutdown (see `unrecorded`) */
  constructor(owner: SpanOwner | undefined, parent: Span | undefined, name: string, startUnixMs: number, baseAttributes: Readonly<Attributes>, attrs: unknown) {
    this.owner = owner;
    this.parent = parent;
    this.name = name;
    this.startUnixMs = startUnixMs;
    this.attributes = baseAttributes as Attributes;
    this.openIndex = -1;
    if (attrs !== undefined && attrs !== null) this.addAttributes(attrs);
  }

  /** A span that carries ids (a child of `parent` if given) and records nothing. */
  static unrecorded(ids: IdSource, parent: Span | undefined): Span {
    const span = new Span(undefined, parent, '', 0, {}, undefined);
    span.idHex = ids.spanIdHex();
    if (parent === undefined) span.traceHex = ids.traceIdHex();
    return span;
  }

  // Recorded spans draw ids from their owner on first read; unrecorded ones got theirs at creation.
  get trace_id(): string {
    return (this.traceHex ??= this.parent !== undefined ? this.parent.trace_id : (this.owner as SpanOwner).ids.traceIdHex());
  }

  get span_id(): string {
    return (this.idHex ??= (this.owner as SpanOwner).ids.spanIdHex());
  }

  // SpanRecord's names for the same ids.
  get traceId(): string {
    return this.trace_id;
  }
  get spanId(): string {
    return this.span_id;
  }
  get parentSpanId(): string | undefined {
    return this.parent?.span_id;
  }

  is_recording(): boolean {
    return this.owner !== undefined && this.endUnixMs < 0;
  }

  set_attribute(key: unknown, value: unknown): void {
    if (!this.is_recording() || typeof key !== 'string' || key === '') return;
    this.guard(() => this.addAttributes({ [key]: value }));
  }

  add_event(name: unknown, attrs?: unknown): void {
    if (!this.is_recording()) return;
    if (this.events.length >= MAX_EVENTS) {
      this.droppedEventsCount++;
      return;
    }
    this.guard(() => {
      const { attributes } = toAttributes(attrs);
      const text = textOf(name);
      if (this.events === NO_EVENTS) this.events = [];
      // OTLP requires a non-empty event name, as start_span does for spans.
      this.events.push({ timeUnixMs: this.owner!.nowUnixMs(), name: text === '' ? 'unnamed' : truncate(text, MAX_SPAN_NAME_LENGTH), attributes });
    });
  }

  set_error(message?: unknown): void {
    if (!this.is_recording()) return;
    this.guard(() => {
      this.statusCode = STATUS_ERROR;
      this.statusMessage = message === undefined || message === null ? undefined : truncate(textOf(message), 1024);
    });
  }

  end(): void {
    // Not through guard(): end() is on every span's path, and a closure per call costs ~150 ns in QuickJS.
    try {
      this.endOnce();
    } catch (error) {
      this.internalError(error);
    }
  }

  private addAttributes(attrs: unknown): void {
    if (!this.ownsAttributes) {
      this.attributes = { ...this.attributes };
      this.ownsAttributes = true;
    }
    const dropped = toAttributes(attrs, this.attributes).dropped;
    if (dropped > 0) this.droppedAttributesCount += dropped;
  }

  /** Span methods are game-facing too: nothing may escape them. */
  private guard(action: () => void): void {
    runGuarded(action, (error) => this.internalError(error));
  }

  private internalError(error: unknown): void {
    this.owner?.warn('internal', `internal error in a span method (please report): ${error instanceof Error ? error.message : 'unknown'}`);
  }

  private endOnce(): void {
    const owner = this.owner;
    if (owner === undefined) return;
    if (this.endUnixMs >= 0) {
      owner.warn('span_end_twice', `span "${this.name}" ended more than once; later calls ignored`);
      return;
    }
    const now = owner.nowUnixMs();
    this.endUnixMs = now > this.startUnixMs ? now : this.startUnixMs;
    owner.finish(this, this);
  }
}

Object.assign(Span.prototype, {
  kind: SPAN_KIND_INTERNAL,
  endUnixMs: -1,
  droppedAttributesCount: 0,
  events: NO_EVENTS,
  droppedEventsCount: 0,
  statusCode: STATUS_UNSET,
  statusMessage: undefined,
  ownsAttributes: false,
  traceHex: undefined,
  idHex: undefined,
});

/** A name or message from the game as text; a value whose `toString` throws becomes its normalised form. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(normalizeValue(value)) ?? '';
}
