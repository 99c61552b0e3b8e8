/**
 * Godot's JSON class, its static `stringify` only, following core/io/json.cpp of Godot 4.6:
 * - null, bool, int (exact digits, BigInt past 2^53) and float (0 as "0.0"; infinities as ±1e99999;
 *   NaN as null with a one-time engine warning; full precision: the shortest text that reads back
 *   the same double, ".0" added to whole numbers);
 * - Dictionaries (keys as `String(key)`, in insertion order unless sort_keys) and Arrays and
 *   Packed*Arrays of numbers and strings, recursively; a container inside itself prints "[...]" or
 *   "{...}" with an engine error;
 * - every other value as the string Godot prints for it (`String(value)`: an Object's to_string(),
 *   "<Class#id>" by default, vectors and colours as "(x, y)"), through json_escape, which escapes
 *   \\ " \b \f \n \r \t and \v (as "\v", which JSON does not define) and leaves other control
 *   characters raw.
 * The double cannot tell a GDScript int from a float holding a whole number (both are JS numbers):
 * whole numbers print as ints. What JS's JSON.parse reads back is the same either way.
 */
import { GArray, GDictionary } from './containers';
import { engine } from './engine_state';
import { GodotObject } from './objects_base';
import { Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector3 } from './variants';

let nanWarned = false;

export class JSON {
  static stringify(data: unknown, indent = '', sort_keys = true, full_precision = false): string {
    if (indent !== '') throw new Error('the double stringifies without indentation only');
    const markers = new Set<unknown>();
    return write(data, sort_keys, full_precision, markers);
  }
}

function write(value: unknown, sortKeys: boolean, fullPrecision: boolean, markers: Set<unknown>): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return number(value, fullPrecision);
  if (typeof value === 'string') return `"${jsonEscape(value)}"`;
  if (value instanceof GDictionary) {
    if (markers.has(value.store)) return circular('"{...}"');
    markers.add(value.store);
    const entries = [...value].map(({ key, value: item }) => [godotString(key), item] as const);
    if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const text = `{${entries.map(([key, item]) => `"${jsonEscape(key)}":${write(item, sortKeys, fullPrecision, markers)}`).join(',')}}`;
    markers.delete(value.store);
    return text;
  }
  if (value instanceof GArray) {
    if (markers.has(value.store)) return circular('"[...]"');
    markers.add(value.store);
    const text = `[${[...value].map((item) => write(item, sortKeys, fullPrecision, markers)).join(',')}]`;
    markers.delete(value.store);
    return text;
  }
  if (value instanceof PackedByteArray || value instanceof PackedStringArray) {
    const items = Array.from({ length: value.size() }, (_, i) => value.get(i));
    return `[${items.map((item) => write(item, sortKeys, fullPrecision, markers)).join(',')}]`;
  }
  return `"${jsonEscape(godotString(value))}"`;
}

function number(value: number, fullPrecision: boolean): string {
  if (Number.isNaN(value)) {
    if (!nanWarned) engine.warnings.push('NaN found in argument passed to JSON.stringify(); replaced with null');
    nanWarned = true;
    return 'null';
  }
  if (!Number.isFinite(value)) return value > 0 ? '1e99999' : '-1e99999';
  if (Number.isInteger(value)) return Object.is(value, -0) ? '0.0' : String(value);
  // Grisu's shortest round trip, as JS prints doubles; without full precision Godot keeps 14 digits.
  return fullPrecision ? String(value) : String(Number(value.toPrecision(14)));
}

function circular(text: string): string {
  engine.errorPrints.push('Converting circular structure to JSON.');
  return text;
}

/** String(value) in Godot: what print() shows. */
function godotString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '<null>';
  if (value instanceof GodotObject) return value.to_string();
  if (value instanceof NodePath) return `${value.is_absolute() ? '/' : ''}${value.get_concatenated_names()}${value.get_concatenated_subnames() === '' ? '' : `:${value.get_concatenated_subnames()}`}`;
  if (value instanceof Vector2) return `(${real(value.x)}, ${real(value.y)})`;
  if (value instanceof Vector3) return `(${real(value.x)}, ${real(value.y)}, ${real(value.z)})`;
  if (value instanceof Color) return `(${real(value.r)}, ${real(value.g)}, ${real(value.b)}, ${real(value.a)})`;
  return `<${(value as object).constructor.name}>`;
}

/** Godot prints a real with at least one decimal: 4 → "4.0". */
function real(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function jsonEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    // eslint-disable-next-line no-control-regex -- backspace, as Godot escapes it
    .replace(/\x08/g, '\\b')
    .replace(/\f/g, '\\f')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\v/g, '\\v')
    .replace(/"/g, '\\"');
}
