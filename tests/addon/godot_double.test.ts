/**
 * The double's GodotJS behaviours that the addon's tests rely on (godotjs-facts §3, §5, §16). If one
 * of these stops holding, the addon tests would pass against an engine friendlier than the real one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { GArray, GDictionary } from '../godot_double/containers';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { HTTPRequest } from '../godot_double/http_request';
import { Node } from '../godot_double/node';
import type { SceneTree } from '../godot_double/node';
import { Callable, PackedByteArray, Vector2 } from '../godot_double/variants';
import { freshScene } from './support/scene';

let tree: SceneTree;
let host: Node;
beforeEach(() => ({ tree, host } = freshScene()));

describe('GDictionary and GArray', () => {
  it('are wrappers: no own keys, "{}" as JSON, not arrays; read through methods, iteration or proxy', () => {
    const dict = fromGDScript({ a: 1, nested: { b: [1, 2] } });
    expect(Object.keys(dict)).toEqual([]);
    expect(JSON.stringify(dict)).toBe('{}');
    expect(dict.get('a')).toBe(1);
    expect(dict.get('missing')).toBeNull();
    expect([...dict].map(({ key }) => key)).toEqual(['a', 'nested']);
    expect(JSON.stringify(dict.proxy())).toBe('{"a":1,"nested":{"b":[1,2]}}');
    const list = dict.get('nested') as GDictionary;
    expect(Array.isArray(list.get('b'))).toBe(false);
    expect([...(list.get('b') as GArray).proxy()]).toEqual([1, 2]);
  });

  it('hand out a new wrapper on every read of a nested container', () => {
    const dict = fromGDScript({ inner: {} });
    expect(dict.get('inner')).not.toBe(dict.get('inner'));
  });

  it('refuse plain JS objects and arrays as values, as js_to_gd_var does', () => {
    expect(() => new GDictionary().set('x', { a: 1 })).toThrow(/unhandled type/);
    expect(() => GArray.create([]).push_back([1])).toThrow(/unhandled type/);
    expect(() => new GDictionary().set('x', new Uint8Array(2))).toThrow(/unhandled type/);
  });
});

describe('HTTPRequest', () => {
  it('converts only ArrayBuffer, PackedByteArray and number[] bodies; a Uint8Array throws', () => {
    const http = new HTTPRequest();
    host.add_child(http);
    expect(() => http.request_raw('http://127.0.0.1:9/', [], 2, new Uint8Array([1]) as never)).toThrow(/PackedByteArray/);
    expect(http.request_raw('http://127.0.0.1:9/', [], 2, new ArrayBuffer(1))).toBe(0);
    http.cancel_request();
    expect(http.request_raw('http://127.0.0.1:9/', [], 2, [1, 2])).toBe(0);
    http.cancel_request();
    expect(http.request_raw('http://127.0.0.1:9/', [], 2, new PackedByteArray([1]))).toBe(0);
  });

  it('returns ERR_UNCONFIGURED outside the tree, ERR_BUSY while busy, ERR_INVALID_PARAMETER for a bad URL', () => {
    const http = new HTTPRequest();
    expect(http.request('http://127.0.0.1:9/')).toBe(3);
    host.add_child(http);
    expect(http.request('not a url')).toBe(31);
    expect(http.request('http://127.0.0.1:9/')).toBe(0);
    expect(http.request('http://127.0.0.1:9/')).toBe(44);
  });

  it('delivers request_completed in a later frame, never inside request()', async () => {
    const http = new HTTPRequest();
    host.add_child(http);
    const results: number[] = [];
    http.request_completed.connect(Callable.create((result: number) => results.push(result)));
    http.request('http://example.invalid/');
    expect(results).toEqual([]);
    tree.step();
    expect(results).toEqual([3]);
  });
});

describe('script calls from GDScript', () => {
  class Script extends Node {
    field = (): number => 1;
    plain(): object {
      return { a: 1 };
    }
    boom(): void {
      throw new Error('boom');
    }
    async later(): Promise<number> {
      return 1;
    }
    vector(): Vector2 {
      return new Vector2(1, 2);
    }
  }

  it('reach prototype methods only, turn exceptions and unconvertible returns into null plus an error', () => {
    const script = new Script();
    expect(() => callFromGDScript(script, 'field')).toThrow(/Nonexistent function/);
    expect(() => callFromGDScript(script, 'add_child')).toThrow(/Nonexistent function/);
    expect(callFromGDScript(script, 'vector')).toBeInstanceOf(Vector2);
    expect(callFromGDScript(script, 'plain')).toBeNull();
    expect(callFromGDScript(script, 'boom')).toBeNull();
    expect(callFromGDScript(script, 'later')).toBeNull();
    expect(engine.scriptErrors).toHaveLength(2);
  });
});

describe('Node lifecycle', () => {
  it('enters the tree top-down, readies bottom-up, and processes by process mode while paused', () => {
    const order: string[] = [];
    class Probe extends Node {
      override _enter_tree(): void {
        order.push(`enter ${this.get_name()}`);
      }
      override _ready(): void {
        order.push(`ready ${this.get_name()}`);
      }
      override _process(): void {
        order.push(`process ${this.get_name()}`);
      }
    }
    const parent = new Probe();
    parent.set_name('parent');
    const child = new Probe();
    child.set_name('child');
    parent.add_child(child);
    host.add_child(parent);
    expect(order).toEqual(['enter parent', 'enter child', 'ready child', 'ready parent']);
    order.length = 0;
    tree.paused = true;
    child.process_mode = Node.ProcessMode.PROCESS_MODE_ALWAYS;
    tree.step();
    expect(order).toEqual(['process child']);
  });
});
