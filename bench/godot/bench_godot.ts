/**
 * The "godot" module of the autoload benchmark: the Godot double (tests/godot_double), with an
 * HTTPRequest that answers without a network. tools/bundle.ts aliases "godot" to this file.
 */
import { countNativeCalls } from '../../tests/godot_double/native_calls';
import { DiscardHttpRequest } from './discard_http_request';

export {
  Callable, Color, Crypto, DisplayServer, EditorPlugin, Engine, GArray, GDictionary, HTTPClient, JSON, Logger, Node, NodePath, OS, Object, Performance, ProjectSettings, TLSOptions,
  PackedByteArray, PackedStringArray, ProxyTarget, RefCounted, RenderingServer, SceneTree, ScriptBacktrace, Signal, Time, Vector2, Vector2i,
  Vector3, push_warning,
} from '../../tests/godot_double/godot';
export { DiscardHttpRequest as HTTPRequest };

countNativeCalls([DiscardHttpRequest], []);
