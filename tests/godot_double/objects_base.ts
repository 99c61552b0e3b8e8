import { engine } from './engine_state';
import { countCrossing } from './native_calls';

let nextInstanceId = 1000;

/**
 * Godot's Object as GodotJS exposes it (exported from "godot" under the name `Object`). Notifications
 * go to the script's `_notification` the way GodotJS forwards them: every one of them.
 */
export class GodotObject {
  readonly #id = nextInstanceId++;
  #freed = false;

  constructor() {
    // Creating an engine object (or a script instance of one) from JS crosses into the engine.
    countCrossing();
  }

  /** The engine class the double stands for; script classes (subclasses in tests) inherit it. */
  get_class(): string {
    return nativeClassOf(this);
  }

  get_instance_id(): number {
    return this.#id;
  }

  to_string(): string {
    this.assertAlive('to_string');
    return `<${this.get_class()}#${this.#id}>`;
  }

  notification(what: number): void {
    this.assertAlive('notification');
    runScript(() => this._notification(what), `_notification(${what})`);
  }

  /** Godot's virtual: scripts override it; GodotJS forwards every notification here. */
  _notification(_what: number): void {}

  free(): void {
    this.#freed = true;
  }

  is_freed(): boolean {
    return this.#freed;
  }

  protected assertAlive(method: string): void {
    if (this.#freed) throw new Error(`${method}: the object has been freed (double)`);
  }
}

/** References held by GDScript (variables, temporaries, containers) per object, beyond its JS binding's. */
const gdscriptReferences = new WeakMap<RefCounted, number>();

/**
 * Godot's RefCounted as GodotJS leaves an object made in JS: its binding holds one reference (the
 * engine's count is 1 while only JS has it), and every Variant GDScript keeps it in (a variable, the
 * temporary a method is called on, a Dictionary or Array entry) adds one. GodotJS keeps the JS object
 * alive while that count is above 1 (bind_godot_object in jsb_environment.cpp).
 */
export class RefCounted extends GodotObject {
  get_reference_count(): number {
    return 1 + (gdscriptReferences.get(this) ?? 0);
  }
}

/** GDScript takes a reference to `value` if it is a RefCounted; the returned function lets it go. */
export function holdInGDScript(value: unknown): () => void {
  if (!(value instanceof RefCounted)) return () => undefined;
  gdscriptReferences.set(value, (gdscriptReferences.get(value) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    gdscriptReferences.set(value, (gdscriptReferences.get(value) ?? 1) - 1);
  };
}

/** Engine classes of the double mark themselves so that script subclasses can be told apart. */
const nativeClassNames = new Map<object, string>();

export function registerNativeClass(cls: { prototype: object; name: string }, name = cls.name): void {
  nativeClassNames.set(cls.prototype, name);
}

export function isNativePrototype(proto: object): boolean {
  return nativeClassNames.has(proto);
}

function nativeClassOf(object: object): string {
  for (let proto = Object.getPrototypeOf(object) as object | null; proto; proto = Object.getPrototypeOf(proto)) {
    const name = nativeClassNames.get(proto);
    if (name !== undefined) return name;
  }
  return 'Object';
}

/**
 * Runs a script callback the way GodotJS does: an exception is printed as an error (recorded here for
 * tests to assert on) and the engine carries on.
 */
export function runScript<T>(call: () => T, what: string): T | null {
  try {
    return call();
  } catch (error) {
    engine.scriptErrors.push(`exception thrown in ${what}: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
}

registerNativeClass(GodotObject, 'Object');
registerNativeClass(RefCounted);
