import { isPlainRecord } from '../core/normalize';
import { ArrayClass, DictionaryClass } from './engine_classes';
import { toPlainAtCall, unwrapProxy } from './to_plain';

/**
 * What a recorded call keeps of one argument until the core takes it in (call_queue.ts), so that what
 * is sent is what the argument held at the call, whatever the game changes afterwards:
 * - a Godot Dictionary or Array: a deep copy made by Godot, one native call however many entries
 *   (reading it entry by entry costs two native calls per entry). Godot's own JSON text would save the
 *   reads at the hand-over, but in the engine it costs more than both together (JSON.stringify of a
 *   1-key Dictionary 3.9 µs against 1.0 for the copy and 3.3 for the reads, conversions.tscn);
 * - a JS object or array (a TypeScript caller's): converted now, in JS, and not again at the hand-over;
 * - everything else as it is: strings and numbers; Godot's value types (vectors, colours, packed
 *   arrays) are copies already; span wrappers are resolved when taken in; Godot objects are kept and
 *   described when taken in, at the end of the frame, before Godot frees nodes queued for deletion.
 */
export function snapshot(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof DictionaryClass || value instanceof ArrayClass) return value.duplicate(true);
  // A `.proxy()` view is copied as the container it shows.
  const target = unwrapProxy(value);
  if (target instanceof DictionaryClass || target instanceof ArrayClass) return target.duplicate(true);
  return Array.isArray(value) || isPlainRecord(value) ? toPlainAtCall(value) : value;
}
