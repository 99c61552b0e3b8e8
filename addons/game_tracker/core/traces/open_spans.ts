/**
 * The spans started and not yet ended: counted for the open-span cap, ended with a note at shutdown.
 * An array in which each span knows its index gives O(1) add and remove without hashing; a Set would
 * hash every new span on first use (on V8 about a third of a span's whole cost).
 */
import type { Span } from './span';

export class OpenSpans {
  private readonly spans: (Span | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(span: Span): void {
    const n = this.count;
    span.openIndex = n;
    this.spans[n] = span;
    this.count = n + 1;
  }

  /** Removes a span added here; others (never added, or removed already) are ignored. */
  delete(span: Span): void {
    const spans = this.spans;
    const index = span.openIndex;
    if (index < 0 || spans[index] !== span) return;
    const n = --this.count;
    const last = spans[n] as Span;
    spans[n] = undefined;
    if (last !== span) {
      spans[index] = last;
      last.openIndex = index;
    }
  }

  /** Forgets every open span (consent withdrawn) and returns them; they no longer count for the cap. */
  takeAll(): Span[] {
    const taken = this.spans.slice(0, this.count) as Span[];
    for (const span of taken) span.openIndex = -1;
    this.spans.length = 0;
    this.count = 0;
    return taken;
  }

  /** Ends every open span, marked with why (shutdown, quit), so that none is lost or left dangling. */
  endAll(why: string): void {
    // A copy: each span removes itself as it ends.
    for (const span of this.spans.slice(0, this.count) as Span[]) {
      span.set_attribute('game_tracker.ended_by', why);
      span.end();
    }
  }
}
