import { GArray, GDictionary, NodePath, Object as GodotObject, ProxyTarget } from 'godot';

/**
 * The engine classes the per-call path tests values against, read once: in GodotJS the "godot" module
 * is a loader proxy, and compiled code would read `godot_1.GDictionary` through it at every use
 * (~0.1 µs each on QuickJS-NG, scripts/bench/conversions.tscn).
 */
export const DictionaryClass = GDictionary;
export const ArrayClass = GArray;
export const ObjectClass = GodotObject;
export const NodePathClass = NodePath;
export const PROXY_TARGET = ProxyTarget;
