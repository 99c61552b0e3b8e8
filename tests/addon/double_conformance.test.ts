/**
 * The double and typings/ describe the same Godot API separately; this file makes the compiler
 * compare them (tsc -p tsconfig.tools.json), so neither drifts from the other. The runtime test only
 * keeps vitest content: the checks are the assignments.
 */
import type * as Godot from 'godot';
import { expect, it } from 'vitest';
import * as Double from '../godot_double/godot';

type Statics<C> = { [K in keyof C as K extends 'prototype' ? never : K]: C[K] };

const singletons: {
  Time: Statics<typeof Godot.Time>;
  OS: Statics<typeof Godot.OS>;
  Engine: Statics<typeof Godot.Engine>;
  RenderingServer: Statics<typeof Godot.RenderingServer>;
  DisplayServer: Statics<typeof Godot.DisplayServer>;
  push_warning: typeof Godot.push_warning;
} = Double;

const constants: {
  [K in 'NOTIFICATION_WM_CLOSE_REQUEST' | 'NOTIFICATION_WM_GO_BACK_REQUEST' | 'NOTIFICATION_APPLICATION_PAUSED']: (typeof Godot.Node)[K];
} = Double.Node;

const enums: {
  result: { [K in keyof typeof Godot.HTTPRequest.Result]: number };
  method: { [K in keyof typeof Godot.HTTPClient.Method]: number };
  processMode: { [K in keyof typeof Godot.Node.ProcessMode]: number };
} = { result: Double.HTTPRequest.Result, method: Double.HTTPClient.Method, processMode: Double.Node.ProcessMode };

const instances: {
  dictionary: Pick<Godot.GDictionary, 'get' | 'keys' | 'size' | 'duplicate'>;
  array: Pick<Godot.GArray, 'size' | 'get' | 'get_indexed' | 'duplicate'>;
  callable: Pick<Godot.Callable, 'call_deferred'>;
  bytes: Godot.PackedByteArray;
  strings: Godot.PackedStringArray;
  path: Godot.NodePath;
  http: Pick<Godot.HTTPRequest, 'request' | 'request_raw' | 'timeout' | 'use_threads' | 'request_completed'>;
  crypto: Godot.Crypto;
} = {
  dictionary: new Double.GDictionary(),
  array: new Double.GArray(),
  callable: Double.Callable.create(() => undefined),
  bytes: new Double.PackedByteArray(),
  strings: new Double.PackedStringArray(),
  path: new Double.NodePath('a'),
  http: new Double.HTTPRequest(),
  crypto: new Double.Crypto(),
};

it('declares what typings/ declares (checked by the compiler)', () => {
  expect([singletons, constants, enums, instances].every((group) => group !== undefined)).toBe(true);
  expect(Double.HTTPRequest.Result.RESULT_TIMEOUT).toBe(13);
  expect(Double.Node.NOTIFICATION_WM_CLOSE_REQUEST).toBe(1006);
});
