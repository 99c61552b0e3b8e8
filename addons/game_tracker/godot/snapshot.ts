import { GArray, GDictionary, JSON as GodotJSON } from 'godot';
import { isPlainRecord } from '../core/normalize';
import { GodotJsonText, toPlainAtCall, unwrapProxy } from './to_plain';

/**
 * The engine classes read once: in GodotJS the "godot" module is a loader proxy, and compiled code
 * reads `godot_1.GDictionary` through it at every use.
 */
const DictionaryClass = GDictionary;
const ArrayClass = GArray;
const GodotJson = GodotJSON;

/**
 * What Godot's JSON text may hold that JSON.parse would not read back as the same data: a string that
 * starts with "(", "<" or "[" (how Godot prints vectors, colours, objects, packed vector arrays: a span
 * wrapper in log data among them), an object named "Name:<Class#id>", an integer of 16 digits or more
 * (past 2^53), "\v" (Godot's escape, not JSON's) or a raw control character (which Godot does not
 * escape). Such containers take the exact path instead.
 */
// eslint-disable-next-line no-control-regex -- raw control characters are exactly what must be found
const NOT_PLAIN_JSON = /"[(<[]|:<|\d{16}|\\v|[\x00-\x1f]/;

/**
 * What a recorded call keeps of one argument until the core takes it in (call_queue.ts), so that what
 * is sent is what the argument held at the call, whatever the game changes afterwards:
 * - a Godot Dictionary or Array: Godot's own JSON text of it, one native call however many entries,
 *   which the hand-over parses in JS without crossing into the engine again; when the text holds values
 *   JSON cannot carry (see NOT_PLAIN_JSON), a deep copy made by Godot, read entry by entry at the
 *   hand-over (two native calls per entry);
 * - a JS object or array (a TypeScript caller's): converted now, in JS, and not again at the hand-over;
 * - everything else as it is: strings and numbers; Godot's value types (vectors, colours, packed
 *   arrays) are copies already; span wrappers are resolved when taken in; Godot objects are kept and
 *   described when taken in, at the end of the frame, before Godot frees nodes queued for deletion.
 */
export function snapshot(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof DictionaryClass || value instanceof ArrayClass) return captured(value);
  // A `.proxy()` view is copied as the container it shows.
  const target = unwrapProxy(value);
  if (target instanceof DictionaryClass || target instanceof ArrayClass) return captured(target);
  return Array.isArray(value) || isPlainRecord(value) ? toPlainAtCall(value) : value;
}

function captured(container: GDictionary | GArray): unknown {
  const text = GodotJson.stringify(container, '', false, true);
  return NOT_PLAIN_JSON.test(text) ? container.duplicate(true) : new GodotJsonText(text);
}
