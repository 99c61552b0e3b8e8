import { randomBytes } from 'node:crypto';
import { engine } from './engine_state';
import { Node } from './node';
import { RefCounted, registerNativeClass } from './objects_base';
import { PackedByteArray } from './variants';

export class Crypto extends RefCounted {
  /** Godot returns an empty array when its RNG fails; the double does so when told to. */
  generate_random_bytes(size: number): PackedByteArray {
    if (engine.cryptoFails) return new PackedByteArray();
    return new PackedByteArray(new Uint8Array(randomBytes(size)).buffer);
  }
}

/** Records autoload registration in `engine.autoloads` instead of writing project.godot. */
export class EditorPlugin extends Node {
  add_autoload_singleton(name: string, path: string): void {
    engine.autoloads.set(name, path);
  }
  remove_autoload_singleton(name: string): void {
    engine.autoloads.delete(name);
  }
  _enable_plugin(): void {}
  _disable_plugin(): void {}
}

registerNativeClass(Crypto);
registerNativeClass(EditorPlugin);
