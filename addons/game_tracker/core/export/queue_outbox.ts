/** Logs and spans: a capped queue (oldest dropped), sent in batches at the interval or at `batchSize`. */
import { Books } from '../books';
import { RingQueue } from '../ring_queue';
import type { DropReason } from '../types';
import type { Channel, Outgoing } from './channel';
import type { Outbox } from './outbox';

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
  private readonly queue: RingQueue<T>;
  private inFlightCount = 0;
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
    if (this.queue.push(item)) this.books.drop(this.options.channel.pausedNow() ? 'paused' : 'queue_full');
  }

  pending(): number {
    return this.queue.length + this.inFlightCount;
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
      this.books.drop('send_failed', batch.length);
      this.options.warn('encode_failed', `could not encode a batch (${String(error)}); ${batch.length} items dropped`);
      return;
    }
    this.inFlightCount = batch.length;
    this.options.channel.send(request, (ok) => {
      if (ok) this.books.sent += this.inFlightCount;
      else this.books.drop('send_failed', this.inFlightCount);
      this.inFlightCount = 0;
    });
  }

  abandon(reason: DropReason): void {
    this.books.drop(reason, this.queue.take(this.queue.length).length);
  }
}
