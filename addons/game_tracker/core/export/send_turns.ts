/**
 * Which sends a tick starts. The tick's time (TICK_WORK_MS) is shared by the signals: once it is used
 * up, a send that cannot be spread (a metrics push) waits for a tick with time left (a flush does not),
 * and the signals take turns going first, so that one that uses all of it every frame (a busy log
 * stream) cannot keep such a send from ever starting. Without this, a metrics push that started after
 * a log batch had used the tick made the slowest frames at 1,000 events/s on native QuickJS-NG. Log
 * and span batches still add at least one item per tick: holding them back too made batches queue up
 * behind and be finished at once at 10,000 events/s (docs/benchmarks.md, "The signals share a tick's
 * time").
 */
import type { Pipeline } from '../pipeline';
import { SIGNALS } from '../types';
import type { Signal } from '../types';
import { TICK_WORK_MS } from './outbox';

export class SendTurns {
  /** Ticks so far: which signal goes first in this one. */
  private ticks = 0;

  /** Starts or goes on with each signal's due send; a forced signal (a flush) is cleared once a send covers it. */
  run(pipeline: Pipeline, forced: Set<Signal>, nowMs: number, clock: { monotonicMs(): number }): void {
    const untilMs = nowMs + TICK_WORK_MS;
    const first = this.ticks++ % SIGNALS.length;
    // Until a receiver has told us its time, logs and spans wait for the metrics probe's answer. Read
    // before any send: a probe the metrics outbox starts in this tick holds nothing back until the next.
    const probing = pipeline.metrics.probing();
    for (let i = 0; i < SIGNALS.length; i++) {
      const signal = SIGNALS[(first + i) % SIGNALS.length] as Signal;
      const channel = pipeline.channels[signal];
      if (channel.busy() || channel.paused(nowMs)) continue;
      const isForced = forced.has(signal);
      if (signal !== 'metrics' && probing && !isForced) continue;
      const outbox = pipeline[signal];
      // A metrics push that began before the flush or shutdown holds only what was counted by then:
      // the force stays for one more push with the rest (else a shutdown would drop it).
      const continuing = signal === 'metrics' && pipeline.metrics.building();
      if (outbox.due(nowMs, isForced) && (isForced || i === 0 || !outbox.sendsWhole || clock.monotonicMs() < untilMs)) outbox.send(nowMs, untilMs);
      if (!continuing) forced.delete(signal);
    }
  }
}
