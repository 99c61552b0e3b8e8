/**
 * A Godot double with GodotJS semantics, standing in for the "godot" module under vitest (see
 * vitest.config.ts). It implements only the API GameTracker uses; see the addon README for what it
 * cannot prove. Test controls live in engine_state.ts, gdscript.ts and on SceneTree (step, close_window);
 * native_calls.ts counts the boundary crossings the code under test makes.
 */
import { GArray, GDictionary } from './containers';
import { HTTPRequest } from './http_request';
import { JSON } from './json';
import { Logger, ScriptBacktrace } from './logger';
import { countNativeCalls } from './native_calls';
import { Node, SceneTree } from './node';
import { Crypto } from './objects';
import { GodotObject, RefCounted } from './objects_base';
import { Signal } from './signal';
import { DisplayServer, Engine, OS, Performance, ProjectSettings, RenderingServer, Time } from './singletons';
import { Callable, Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector2i, Vector3 } from './variants';

export { GArray, GDictionary, ProxyTarget } from './containers';
export { Crypto, EditorPlugin } from './objects';
export { HTTPClient, TLSOptions } from './http_client';
export { HTTPRequest } from './http_request';
export { JSON } from './json';
export { Logger, ScriptBacktrace } from './logger';
export { Node, SceneTree } from './node';
export { GodotObject as Object, RefCounted } from './objects_base';
export { Signal } from './signal';
export { DisplayServer, Engine, OS, Performance, ProjectSettings, RenderingServer, Time, push_warning } from './singletons';
export { Callable, Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector2i, Vector3 } from './variants';

countNativeCalls(
  [GDictionary, GArray, JSON, Logger, ScriptBacktrace, GodotObject, RefCounted, Node, SceneTree, HTTPRequest, Crypto, Signal, Callable, Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector2i, Vector3],
  [Time, OS, Engine, Performance, ProjectSettings, RenderingServer, DisplayServer],
);
