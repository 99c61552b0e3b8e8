import { godotWarn } from './godot_warn';

/**
 * Runs a public entry point so that nothing ever throws into the game: GodotJS would turn an exception
 * into a failed call (null, plus an error print) in the GDScript caller.
 */
export function guarded<T>(what: string, fallback: T, body: () => T): T {
  try {
    return body();
  } catch (error) {
    godotWarn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}
