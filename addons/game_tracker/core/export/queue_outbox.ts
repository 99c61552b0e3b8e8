/** Logs and spans: a capped queue (oldest dropped), sent in batches at the interval or at `batchSize`. */
import { Books } from '../books';
import { buildBody } from './body_builder';
import type { BodyBuilder } from './body_builder';
import { RingQueue } from '../ring_queue';
import type { DropReason } from '../types';
import type { Channel, Outgoing } from './channel';
import type { FinalRequest, Outbox } from './outbox';

export interface QueueOutboxOptions<T> {
  readonly channel: Channel;
  readonly queueLimit: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  /** A body for the next batch, built item by item; may throw (the batch is then dropped as send_failed). */
  startBody(): BodyBuilder<T>;
  /** The request that carries a finished body. */
  request(body: string | Uint8Array): Outgoing;
  /** Monotonic time, to stop building a body when a tick's share of time is used up. */
  monotonicMs(): number;
  warn(kind: string, message: string): void;
}

/** A batch taken from the queue whose body is still being built: neither queued nor on the wire. */
interface Building<T> {
  readonly batch: readonly T[];
  readonly body: BodyBuilder<T>;
  added: number;
}

export class QueueOutbox<T> implements Outbox {
  readonly books = new Books();
  readonly sendsWhole = false;
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
  private building: Building<T> | undefined;
  /** Set by `due`: a flush or shutdown wants the batch sent now, in one piece. */
  private forcedNow = false;

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
    return this.queue.length + (this.building?.batch.length ?? 0) + this.inFlight.length;
  }

  due(nowMs: number, forced: boolean): boolean {
    this.forcedNow = forced;
    if (this.building !== undefined) return true;
    if (this.queue.length === 0) return false;
    return forced || this.queue.length >= this.options.batchSize || nowMs - this.lastSendMs >= this.options.flushIntervalMs;
  }

  /**
   * Takes a batch and builds its body until `untilMs` (at least one item per tick), then goes on at
   * the next ticks; the request leaves with the body's last item. It is built at once when forced,
   * and when a whole batch has queued up behind it: items then arrive faster than ticks' shares of
   * time can build them, and spreading the work further would only end in dropping items.
   */
  send(nowMs: number, untilMs: number): void {
    if (this.building === undefined) {
      this.lastSendMs = nowMs;
      const batch = this.queue.take(this.options.queueLimit);
      try {
        this.building = { batch, body: this.options.startBody(), added: 0 };
      } catch (error) {
        this.encodeFailed(batch.length, error);
        return;
      }
    }
    const building = this.building;
    const { batch, body } = building;
    let request: Outgoing;
    try {
      do body.add(batch[building.added++] as T);
      while (building.added < batch.length && (this.forcedNow || this.queue.length >= this.options.batchSize || this.options.monotonicMs() < untilMs));
      if (building.added < batch.length) return;
      request = this.options.request(body.finish());
    } catch (error) {
      this.building = undefined;
      this.encodeFailed(batch.length, error);
      return;
    }
    this.building = undefined;
    this.dispatch(batch, request);
  }

  private dispatch(batch: readonly T[], request: Outgoing): void {
    this.inFlight = batch;
    const generation = this.sendGeneration;
    this.options.channel.send(request, (ok) => {
      if (generation !== this.sendGeneration) return;
      this.settle(this.inFlight.length, ok ? 'sent' : 'send_failed');
      this.inFlight = [];
    });
  }

  finalRequest(): FinalRequest | undefined {
    const items = [...this.inFlight, ...(this.building?.batch ?? []), ...this.queue.take(this.queue.length)];
    this.inFlight = [];
    this.building = undefined;
    this.sendGeneration++;
    if (items.length === 0) return undefined;
    let request: Outgoing;
    try {
      request = this.options.request(buildBody(this.options.startBody(), items));
    } catch (error) {
      this.encodeFailed(items.length, error);
      return undefined;
    }
    return { request, settle: (outcome) => this.settle(items.length, outcome) };
  }

  /** The batch being built is not on the wire yet: it goes with the queue. */
  abandon(reason: DropReason): void {
    this.books.drop(reason, this.queue.take(this.queue.length).length + (this.building?.batch.length ?? 0));
    this.building = undefined;
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
