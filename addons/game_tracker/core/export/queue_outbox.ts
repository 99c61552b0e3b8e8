/** Logs and spans: a capped queue (oldest dropped), sent in batches at the interval or at `batchSize`. */
import { Books } from '../books';
import { RingQueue } from '../ring_queue';
import type { DropReason } from '../types';
import type { Channel, Outgoing } from './channel';
import type { FinalRequest, Outbox } from './outbox';

export interface QueueOutboxOptions<T> {
  readonly channel: Channel;
  readonly queueLimit: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  /** Builds the request for a batch; may throw (the batch is then dropped as send_failed). */
  encode(batch: readonly T[]): Outgoing;
  warn(kind: string, message: string): void;
}

export class QueueOutbox<T> implements Outbox {
  readonly books = new Books();
  /**
   * While set, an item pushed out of a full queue is counted under this reason instead of
   * queue_full/paused: before `init` the queue is an early buffer that nothing can empty yet.
   */
  overflowReason: DropReason | undefined;
  private readonly queue: RingQueue<T>;
  /** The batch on the wire; kept so that the last send at quit can carry it again. */
  private inFlight: readonly T[] = [];
  /** Bumped when the batch in flight is taken over (at quit), so its late answer settles nothing. */
  private sendGeneration = 0;
  private lastSendMs: number;

  constructor(
    private readonly options: QueueOutboxOptions<T>,
    nowMs: number,
  ) {
    this.queue = new RingQueue<T>(options.queueLimit);
    this.lastSendMs = nowMs;
  }

  /**
   * Queues an item; when the queue is full the oldest one is dropped and counted. On every log and span
   * path, so the clock is read only when an item is dropped (a clock read is a host call in the engine).
   */
  add(item: T): void {
    this.books.produced++;
    if (this.queue.push(item)) this.books.drop(this.overflowReason ?? (this.options.channel.pausedNow() ? 'paused' : 'queue_full'));
  }

  /** Takes every queued item out (oldest first), uncounted: for moving the early buffer at `init`. */
  drain(): T[] {
    const items = this.queue.take(this.queue.length);
    this.books.produced -= items.length;
    return items;
  }

  pending(): number {
    return this.queue.length + this.inFlight.length;
  }

  due(nowMs: number, forced: boolean): boolean {
    if (this.queue.length === 0) return false;
    return forced || this.queue.length >= this.options.batchSize || nowMs - this.lastSendMs >= this.options.flushIntervalMs;
  }

  send(nowMs: number): void {
    this.lastSendMs = nowMs;
    const batch = this.queue.take(this.options.queueLimit);
    let request: Outgoing;
    try {
      request = this.options.encode(batch);
    } catch (error) {
      this.encodeFailed(batch.length, error);
      return;
    }
    this.inFlight = batch;
    const generation = this.sendGeneration;
    this.options.channel.send(request, (ok) => {
      if (generation !== this.sendGeneration) return;
      this.settle(this.inFlight.length, ok ? 'sent' : 'send_failed');
      this.inFlight = [];
    });
  }

  finalRequest(): FinalRequest | undefined {
    const items = [...this.inFlight, ...this.queue.take(this.queue.length)];
    this.inFlight = [];
    this.sendGeneration++;
    if (items.length === 0) return undefined;
    let request: Outgoing;
    try {
      request = this.options.encode(items);
    } catch (error) {
      this.encodeFailed(items.length, error);
      return undefined;
    }
    return { request, settle: (outcome) => this.settle(items.length, outcome) };
  }

  abandon(reason: DropReason): void {
    this.books.drop(reason, this.queue.take(this.queue.length).length);
  }

  private settle(count: number, outcome: 'sent' | DropReason): void {
    if (outcome === 'sent') this.books.sent += count;
    else this.books.drop(outcome, count);
  }

  private encodeFailed(count: number, error: unknown): void {
    this.books.drop('send_failed', count);
    this.options.warn('encode_failed', `could not encode a batch (${String(error)}); ${count} items dropped`);
  }
}
