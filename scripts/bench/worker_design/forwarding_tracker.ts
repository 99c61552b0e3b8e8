import type { SpanHandle, Tracker, TrackerStats } from '../../../addons/game_tracker/core/api';
import type { Clock } from '../../../addons/game_tracker/core/ports';
import { BATCH_STRIDE, FORWARDED_OPS } from './protocol';
import type { ForwardedOp } from './protocol';

const OP: Readonly<Record<ForwardedOp, number>> = Object.fromEntries(FORWARDED_OPS.map((name, i) => [name, i])) as Record<ForwardedOp, number>;

/**
 * The core as the main thread sees it in the worker design: the autoload's call queue hands it plain
 * values (converted on the main thread, as today), and each call is appended to a batch that goes to
 * the worker once a frame. A span is a number here; its ids live in the worker, so they read as "".
 * Only the calls the frame benchmark makes are forwarded; the others are not part of the measurement.
 */
export class ForwardingTracker {
  private batch: unknown[] = [];
  private nextSpanId = 1;

  constructor(private readonly clock: Clock) {}

  /** The calls since the last take, and an empty batch for the next ones. */
  take(): unknown[] {
    const taken = this.batch;
    this.batch = [];
    return taken;
  }

  pending(): number {
    return this.batch.length / BATCH_STRIDE;
  }

  /** As the call queue drives it: only the methods it calls for the forwarded ops. */
  asTracker(): Tracker {
    const unsupported = (): never => {
      throw new Error('not part of the worker-design benchmark');
    };
    return {
      init: (options) => this.add('init', 0, options),
      log_info: (msg, data) => this.add('log_info', 0, msg, data, undefined, this.clock.monotonicMs()),
      increment: (name, labels, by) => this.add('increment', 0, name, labels, by),
      gauge: (name, value, labels) => this.add('gauge', 0, name, value, labels),
      histogram: (name, value, labels) => this.add('histogram', 0, name, value, labels),
      start_span: (name, attrs, parent) => this.startSpan(name, attrs, parent),
      log_debug: unsupported,
      log_warn: unsupported,
      log_error: unsupported,
      set_user: unsupported,
      set_context: unsupported,
      set_tag: unsupported,
      set_consent: unsupported,
      flush: unsupported,
      shutdown: unsupported,
      exit: unsupported,
      tick: unsupported,
      frame: unsupported,
      resumed: unsupported,
      engine_error: unsupported,
      stats: (): TrackerStats => unsupported(),
    };
  }

  private startSpan(name: unknown, attrs: unknown, parent: unknown): SpanHandle {
    const id = this.nextSpanId++;
    const parentId = parent instanceof ForwardedSpan ? parent.id : 0;
    this.add('start_span', id, name, attrs, parentId, this.clock.monotonicMs());
    return new ForwardedSpan(id, (spanId) => this.add('span.end', spanId, undefined, undefined, undefined, this.clock.monotonicMs()));
  }

  private add(op: ForwardedOp, spanId: number, first?: unknown, second?: unknown, third?: unknown, atMs = -1): void {
    this.batch.push(OP[op], spanId, first, second, third, atMs);
  }
}

/** A span on the main thread: its number in the batches; the worker holds the core's span. */
class ForwardedSpan implements SpanHandle {
  readonly trace_id = '';
  readonly span_id = '';

  constructor(
    readonly id: number,
    private readonly ended: (id: number) => void,
  ) {}

  end(): void {
    this.ended(this.id);
  }

  set_attribute(): void {}
  add_event(): void {}
  set_error(): void {}

  is_recording(): boolean {
    return true;
  }
}
