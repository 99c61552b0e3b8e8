/**
 * What each signal has to send and how: queued records (logs, spans) or an aggregated snapshot
 * (metrics). The tracker's tick asks each outbox whether a send is due and starts it.
 */
import type { SignalStats } from '../api';
import type { Books } from '../books';
import type { DropReason } from '../types';
import type { Outgoing } from './channel';

/**
 * How long one tick may spend building request bodies, all signals together (a metrics push sizes
 * its snappy slices to it too). A frame at 60 fps lasts 16.7 ms; telemetry aims at under 1 ms in all,
 * the game's own calls and their hand-over included, so a batch too big for this is spread over ticks.
 */
export const TICK_WORK_MS = 0.3;

/** The last request at quit, and how to book its items: sent, or dropped for a reason. */
export interface FinalRequest {
  readonly request: Outgoing;
  settle(outcome: 'sent' | DropReason): void;
}

export interface Outbox {
  readonly books: Books;
  /**
   * True when a send does work no later tick can take over (a metrics push encodes its snapshot in one
   * piece): it then goes only while the tick has time left. Logs and spans are built item by item.
   */
  readonly sendsWhole: boolean;
  /** Items queued or in flight, measured from what the outbox really holds. */
  pending(): number;
  /** Whether a send should start now (the connection is known to be free and not paused). */
  due(nowMs: number, forced: boolean): boolean;
  /** Starts one send, or goes on building it; work that can be spread stops at `untilMs` (a tick's share). */
  send(nowMs: number, untilMs: number): void;
  /**
   * Everything still to send, queued or in flight, as one request for the blocking send at quit (no
   * frame follows, so a request in flight will never be answered); undefined when nothing is left.
   */
  finalRequest(): FinalRequest | undefined;
  /** Drops everything not yet in flight, e.g. at the shutdown deadline. */
  abandon(reason: DropReason): void;
}

export function outboxStats(outbox: Outbox): SignalStats {
  return outbox.books.snapshot(outbox.pending());
}
