/**
 * A QuickJS-NG context that looks like GodotJS's from the inside: `console`, the timer family and a
 * `require` that serves registered modules, nothing else a host would add. Runs QuickJS-NG compiled
 * to WebAssembly (quickjs-emscripten, the `@jitl/quickjs-ng-wasmfile-release-sync` variant), so it is
 * the same engine as GodotJS's QuickJS-NG backend, run slower (WASM, not native code).
 *
 * Timers are plain JS inside the context, fired when the host calls `runTimers(nowMs)`, as GodotJS
 * fires them from its per-frame update.
 */
import variant from '@jitl/quickjs-ng-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';

/** QuickJS-NG globals that GodotJS's V8 backend lacks; a strict context removes them (see godotjs-facts §16). */
const NOT_IN_EVERY_GODOTJS = ['performance', 'queueMicrotask'];
/** Must never be present: the core may not rely on them. */
export const FORBIDDEN_GLOBALS = ['TextEncoder', 'TextDecoder', 'fetch', 'crypto', 'performance', 'Buffer', 'process', 'structuredClone'];

const PRELUDE = String.raw`(function (print, removeGlobals) {
  const g = globalThis;
  for (const name of removeGlobals) delete g[name];
  const show = (v) => (typeof v === 'string' ? v : v instanceof Error ? v.stack || String(v) : (() => { try { return JSON.stringify(v); } catch { return String(v); } })());
  const line = (level) => (...args) => print(level, args.map(show).join(' '));
  g.console = { log: line('log'), info: line('info'), debug: line('debug'), warn: line('warn'), error: line('error'), trace: line('trace'), assert: (ok, ...a) => { if (!ok) line('error')('Assertion failed', ...a); } };
  let nextId = 1;
  let clock = 0;
  const timers = new Map();
  const add = (fn, ms, args, repeat) => { const id = nextId++; timers.set(id, { fn, at: clock + Math.max(0, ms || 0), every: repeat ? Math.max(1, ms || 0) : 0, args }); return id; };
  g.setTimeout = (fn, ms, ...args) => add(fn, ms, args, false);
  g.setInterval = (fn, ms, ...args) => add(fn, ms, args, true);
  g.setImmediate = (fn, ...args) => add(fn, 0, args, false);
  g.clearTimeout = g.clearInterval = g.clearImmediate = (id) => { timers.delete(id); };
  const factories = new Map();
  const cache = new Map();
  g.require = (name) => {
    if (cache.has(name)) return cache.get(name).exports;
    const factory = factories.get(name);
    if (factory === undefined) throw new Error("can not load module '" + name + "'");
    const module = { exports: {} };
    cache.set(name, module);
    factory(module, module.exports, g.require);
    return module.exports;
  };
  return {
    define(name, factory) { factories.set(name, factory); },
    runTimers(now) {
      clock = now;
      for (const [id, t] of [...timers]) {
        if (t.at > now || !timers.has(id)) continue;
        if (t.every > 0) t.at = now + t.every; else timers.delete(id);
        t.fn(...t.args);
      }
    },
  };
})`;

let wasmModule: Promise<QuickJSWASMModule> | undefined;

export function quickjsModule(): Promise<QuickJSWASMModule> {
  wasmModule ??= newQuickJSWASMModuleFromVariant(variant);
  return wasmModule;
}

export interface EngineLine {
  readonly level: string;
  readonly text: string;
}

export interface EngineContext {
  readonly vm: QuickJSContext;
  readonly runtime: QuickJSRuntime;
  /** Everything the context printed through console.*. */
  readonly lines: EngineLine[];
  /** Registers a CommonJS module that `require(name)` will serve. */
  define(name: string, code: string): void;
  /** Evaluates a script; returns its completion value, which must be JSON-serialisable. */
  evaluate<T = unknown>(code: string, filename?: string): T;
  runTimers(nowMs: number): void;
  /** Bytes the QuickJS heap uses now. */
  memoryUsed(): number;
  dispose(): void;
}

export interface EngineOptions {
  /** Remove QuickJS-NG's `performance` and `queueMicrotask` as well (GodotJS on V8 has neither). */
  readonly strictGlobals?: boolean;
}

export async function createEngineContext(options: EngineOptions = {}): Promise<EngineContext> {
  const runtime = (await quickjsModule()).newRuntime();
  runtime.setMemoryLimit(-1);
  runtime.setMaxStackSize(0);
  const vm = runtime.newContext();
  const lines: EngineLine[] = [];
  const print = vm.newFunction('print', (level, text) => {
    lines.push({ level: vm.getString(level), text: vm.getString(text) });
  });
  const remove = vm.unwrapResult(vm.evalCode(JSON.stringify(options.strictGlobals === true ? NOT_IN_EVERY_GODOTJS : [])));
  const preludeFn = vm.unwrapResult(vm.evalCode(PRELUDE, 'prelude.js'));
  const control = vm.unwrapResult(vm.callFunction(preludeFn, vm.undefined, print, remove));
  for (const h of [print, remove, preludeFn]) h.dispose();
  const call = (method: string, ...args: QuickJSHandle[]): void => {
    const fn = vm.getProp(control, method);
    try {
      vm.unwrapResult(vm.callFunction(fn, control, ...args)).dispose();
    } finally {
      fn.dispose();
    }
  };
  return {
    vm,
    runtime,
    lines,
    define(name, code) {
      const factory = vm.unwrapResult(vm.evalCode(`(function (module, exports, require) {\n${code}\n})`, `${name}.js`));
      const nameHandle = vm.newString(name);
      try {
        call('define', nameHandle, factory);
      } finally {
        nameHandle.dispose();
        factory.dispose();
      }
    },
    evaluate<T>(code: string, filename = 'script.js'): T {
      const handle = vm.unwrapResult(vm.evalCode(code, filename));
      try {
        return vm.dump(handle) as T;
      } finally {
        handle.dispose();
      }
    },
    runTimers(nowMs) {
      const now = vm.newNumber(nowMs);
      try {
        call('runTimers', now);
      } finally {
        now.dispose();
      }
    },
    memoryUsed() {
      const usage = runtime.computeMemoryUsage();
      try {
        return (vm.dump(usage) as { memory_used_size: number }).memory_used_size;
      } finally {
        usage.dispose();
      }
    },
    dispose() {
      control.dispose();
      vm.dispose();
      runtime.dispose();
    },
  };
}
