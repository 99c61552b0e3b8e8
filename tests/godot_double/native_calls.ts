/**
 * Counts crossings of the boundary between JS and the engine, as GodotJS pays for them: every call of
 * a bound method or accessor of an engine type (GDictionary.get, Time.get_ticks_usec…), every engine
 * object created from JS, and every script method called from GDScript. In a real engine each costs
 * about 0.5 µs on QuickJS-NG (godotjs-facts §17); the count does not depend on the machine, so a
 * benchmark can report it next to its times. Calls the double makes inside one of its own methods
 * are part of that one crossing and are not counted again.
 */
export const nativeCalls = { count: 0 };

let depth = 0;

/** Test controls of the double (SceneTree.step…), its internals and script virtuals (_ready…) are not bindings. */
const NOT_BINDINGS = new Set(['constructor', 'wrap', 'store', 'step', 'close_window', 'notify_os']);

function isBinding(name: string | symbol): name is string {
  return typeof name === 'string' && !NOT_BINDINGS.has(name) && !name.startsWith('_') && !name.startsWith('double_');
}

function counted<F extends (...args: never[]) => unknown>(fn: F): F {
  return function (this: unknown, ...args: never[]): unknown {
    if (depth === 0) nativeCalls.count++;
    depth++;
    try {
      return Reflect.apply(fn, this, args);
    } finally {
      depth--;
    }
  } as F;
}

function instrument(target: object): void {
  for (const name of Reflect.ownKeys(target)) {
    if (!isBinding(name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (descriptor === undefined || !descriptor.configurable) continue;
    if (typeof descriptor.value === 'function' && !/^class\b/.test(Function.prototype.toString.call(descriptor.value))) {
      Object.defineProperty(target, name, { ...descriptor, value: counted(descriptor.value as (...args: never[]) => unknown) });
    } else if (descriptor.get !== undefined || descriptor.set !== undefined) {
      Object.defineProperty(target, name, {
        ...descriptor,
        get: descriptor.get && counted(descriptor.get),
        set: descriptor.set && counted(descriptor.set),
      });
    }
  }
}

/** Engine classes (their methods, accessors and static methods) and singleton objects. */
export function countNativeCalls(classes: readonly { readonly prototype: object }[], singletons: readonly object[]): void {
  for (const cls of classes) {
    instrument(cls.prototype);
    instrument(cls);
  }
  for (const singleton of singletons) instrument(singleton);
}

/** One crossing that is not a bound method: GDScript calling a script method, an engine object made from JS. */
export function countCrossing(): void {
  if (depth === 0) nativeCalls.count++;
}
