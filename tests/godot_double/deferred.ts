/**
 * Godot's MessageQueue: call_deferred() work runs when the frame flushes it (after _process), never
 * inside the call that queued it. Work queued during a flush runs in the same flush, as in Godot.
 */
const queue: Array<() => void> = [];

export function callDeferred(work: () => void): void {
  queue.push(work);
}

export function flushDeferred(): void {
  for (let work = queue.shift(); work !== undefined; work = queue.shift()) work();
}

export function clearDeferred(): void {
  queue.length = 0;
}
