/**
 * The double and typings/ describe the same Godot API separately; this file makes the compiler
 * compare them (tsc -p tsconfig.tools.json), so neither drifts from the other. The runtime test only
 * keeps vitest content: the checks are the assignments.
 */
import type * as Godot from 'godot';
import { describe, expect, it } from 'vitest';
import * as Double from '../godot_double/godot';

type Statics<C> = { [K in keyof C as K extends 'prototype' ? never : K]: C[K] };

const singletons: {
  Time: Statics<typeof Godot.Time>;
  OS: Statics<typeof Godot.OS>;
  Engine: Statics<typeof Godot.Engine>;
  ProjectSettings: Statics<typeof Godot.ProjectSettings>;
  JSON: Statics<typeof Godot.JSON>;
  Performance: Statics<typeof Godot.Performance>;
  RenderingServer: Statics<typeof Godot.RenderingServer>;
  DisplayServer: Statics<typeof Godot.DisplayServer>;
  push_warning: typeof Godot.push_warning;
} = Double;

const constants: {
  [K in 'NOTIFICATION_WM_CLOSE_REQUEST' | 'NOTIFICATION_WM_GO_BACK_REQUEST' | 'NOTIFICATION_APPLICATION_PAUSED' | 'NOTIFICATION_APPLICATION_RESUMED']: (typeof Godot.Node)[K];
} = Double.Node;

const enums: {
  result: { [K in keyof typeof Godot.HTTPRequest.Result]: number };
  method: { [K in keyof typeof Godot.HTTPClient.Method]: number };
  processMode: { [K in keyof typeof Godot.Node.ProcessMode]: number };
  monitor: { [K in keyof typeof Godot.Performance.Monitor]: number };
} = { result: Double.HTTPRequest.Result, method: Double.HTTPClient.Method, processMode: Double.Node.ProcessMode, monitor: Double.Performance.Monitor };

const instances: {
  dictionary: Pick<Godot.GDictionary, 'get' | 'keys' | 'size' | 'duplicate'>;
  array: Pick<Godot.GArray, 'size' | 'get' | 'get_indexed' | 'duplicate'>;
  callable: Pick<Godot.Callable, 'call_deferred'>;
  bytes: Godot.PackedByteArray;
  strings: Godot.PackedStringArray;
  path: Godot.NodePath;
  http: Pick<Godot.HTTPRequest, 'request' | 'request_raw' | 'timeout' | 'use_threads' | 'request_completed'>;
  client: Godot.HTTPClient;
  tls: Godot.TLSOptions;
  crypto: Godot.Crypto;
  node: Pick<Godot.Node, 'set_name' | 'get_name' | 'process_mode' | 'add_child' | 'get_tree'>;
  tree: Pick<Godot.SceneTree, 'quit' | 'auto_accept_quit'>;
} = {
  dictionary: new Double.GDictionary(),
  array: new Double.GArray(),
  callable: Double.Callable.create(() => undefined),
  bytes: new Double.PackedByteArray(),
  strings: new Double.PackedStringArray(),
  path: new Double.NodePath('a'),
  http: new Double.HTTPRequest(),
  client: new Double.HTTPClient(),
  tls: Double.TLSOptions.client(),
  crypto: new Double.Crypto(),
  node: new Double.Node() as unknown as Godot.Node,
  tree: new Double.SceneTree(),
};

const httpClientEnums: { status: { [K in keyof typeof Godot.HTTPClient.Status]: number } } = { status: Double.HTTPClient.Status };

/**
 * The other direction, where the engine rejected what the double accepted (facts §17): these members
 * must not exist on the double at all. A compile error here names the member that came back.
 */
function absent<Member extends never>(): Member | undefined {
  return undefined;
}
absent<Extract<keyof Double.Node, 'name'>>();
absent<Extract<keyof Double.SceneTree, 'set_auto_accept_quit'>>();
absent<Exclude<keyof Double.PackedStringArray, keyof Godot.PackedStringArray>>();
absent<Exclude<keyof Double.PackedByteArray, keyof Godot.PackedByteArray | 'get'>>();

it('declares what typings/ declares (checked by the compiler)', () => {
  expect([singletons, constants, enums, instances, httpClientEnums].every((group) => group !== undefined)).toBe(true);
  expect(Double.HTTPRequest.Result.RESULT_TIMEOUT).toBe(13);
  expect(Double.Node.NOTIFICATION_WM_CLOSE_REQUEST).toBe(1006);
  expect(Double.HTTPClient.Status.STATUS_BODY).toBe(7);
});

describe('what the engine rejects, the double rejects (facts §17)', () => {
  it('SceneTree has the property auto_accept_quit and no set_auto_accept_quit()', () => {
    const tree = new Double.SceneTree();
    expect(tree.auto_accept_quit).toBe(true);
    tree.auto_accept_quit = false;
    expect(tree.auto_accept_quit).toBe(false);
    expect(() => (tree as unknown as { set_auto_accept_quit(v: boolean): void }).set_auto_accept_quit(true)).toThrow(TypeError);
  });

  it('Node has set_name()/get_name(); assigning `name` only sets a JS field, as in GodotJS', () => {
    const node = new Double.Node();
    node.set_name('Player');
    (node as unknown as { name: string }).name = 'Renamed';
    expect(node.get_name()).toBe('Player');
    expect(Object.getOwnPropertyDescriptor(Double.Node.prototype, 'name')).toBeUndefined();
  });

  it('PackedStringArray reads with get(i); get_indexed() is not in the typings', () => {
    const strings = new Double.PackedStringArray(['a', 'b']);
    expect(strings.get(1)).toBe('b');
    expect('get_indexed' in strings).toBe(false);
  });
});

describe("the double's JSON.stringify follows Godot 4.6's core/io/json.cpp", () => {
  it('keeps insertion order without sort_keys, prints ints exactly, infinities as 1e99999, other values as Godot prints them', () => {
    const dict = Double.GDictionary.create({ b: 1, a: [2.5, 'x', null, true], big: 2n ** 60n, inf: Infinity, pos: new Double.Vector2(4, 5), path: new Double.NodePath('/root/Player') });
    expect(Double.JSON.stringify(dict, '', false, true)).toBe('{"b":1,"a":[2.5,"x",null,true],"big":1152921504606846976,"inf":1e99999,"pos":"(4.0, 5.0)","path":"/root/Player"}');
    expect(Double.JSON.stringify(Double.GDictionary.create({ b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('escapes as json_escape does: \\v as "\\v" (not JSON), other control characters raw', () => {
    expect(Double.JSON.stringify('a"b\\\n\v\u0007')).toBe('"a\\"b\\\\\\n\\v\u0007"');
  });
});
