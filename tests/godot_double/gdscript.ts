import { GArray, GDictionary, toVariant } from './containers';
import { engine } from './engine_state';
import { countCrossing } from './native_calls';
import { holdInGDScript, isNativePrototype } from './objects_base';

/**
 * Calls a script method the way a GDScript caller reaches it through GodotJS: only methods defined on
 * the script classes' prototypes are callable (not arrow-function fields, not engine methods), every
 * argument must be a Variant, an exception becomes a printed error and a null result, and the return
 * value must convert back to a Variant (a plain object or a Promise does not).
 */
export function callFromGDScript(target: object, method: string, ...args: unknown[]): unknown {
  const fn = scriptMethod(target, method);
  if (fn === undefined) throw new Error(`Invalid call. Nonexistent function '${method}' in a GodotJS script`);
  for (const arg of args) toVariant(arg);
  countCrossing();
  // GDScript holds what it calls a method on, and each argument, for the length of the call.
  const releases = [target, ...args].map(holdInGDScript);
  let result: unknown;
  try {
    result = Reflect.apply(fn, target, args);
  } catch (error) {
    engine.scriptErrors.push(`exception thrown in function ${method}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  } finally {
    for (const release of releases) release();
  }
  if (result instanceof Promise) return null;
  try {
    toVariant(result);
  } catch {
    engine.scriptErrors.push(`${method}: failed to translate returned value`);
    return null;
  }
  return result;
}

function scriptMethod(target: object, method: string): ((...args: unknown[]) => unknown) | undefined {
  for (let proto = Object.getPrototypeOf(target) as object | null; proto && !isNativePrototype(proto); proto = Object.getPrototypeOf(proto)) {
    const value: unknown = Object.getOwnPropertyDescriptor(proto, method)?.value;
    if (typeof value === 'function') return value as (...args: unknown[]) => unknown;
  }
  return undefined;
}

/** A GDScript literal as it reaches JS: `{...}` becomes a GDictionary, `[...]` a GArray, recursively. */
export function fromGDScript(value: Record<string, unknown>): GDictionary;
export function fromGDScript(value: readonly unknown[]): GArray;
export function fromGDScript(value: Record<string, unknown> | readonly unknown[]): GDictionary | GArray {
  return Array.isArray(value) ? GArray.create(value) : GDictionary.create(value as Record<string, unknown>);
}
