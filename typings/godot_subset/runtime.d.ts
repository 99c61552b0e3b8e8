/* eslint-disable @typescript-eslint/no-explicit-any -- constructor types need `any[]` parameters to accept every class */
/**
 * What GodotJS itself provides (its godot.minimal.d.ts and the generated godot.annotations module):
 * the "godot-jsb" module, the class binder for decorators, and the few JS globals it installs.
 * Nothing else exists at run time: no fetch, TextEncoder, crypto, Buffer or process.
 */
declare module 'godot-jsb' {
  /** The JS engine in use, e.g. "v8-…" or "quickjs-ng-…". */
  const impl: string;
}

declare module 'godot.annotations' {
  import type { Object as GObject } from 'godot';

  type GObjectClass = abstract new (...args: any[]) => GObject;

  interface ClassBinder {
    /** The class decorator; it must run after every other GodotJS decorator on the class. */
    (): (target: GObjectClass, context: ClassDecoratorContext) => void;
    /** Marks the script as a tool script (it runs in the editor). */
    tool(): (target: GObjectClass, context: ClassDecoratorContext) => void;
  }

  /** One binder per class; reusing it throws. */
  function createClassBinder(): ClassBinder;
}

/** GodotJS routes log/info/debug to Godot's output and warn/error to its error log. */
interface Console {
  assert(condition?: boolean, ...data: unknown[]): void;
  debug(...data: unknown[]): void;
  error(...data: unknown[]): void;
  info(...data: unknown[]): void;
  log(...data: unknown[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  trace(...data: unknown[]): void;
  warn(...data: unknown[]): void;
}
declare const console: Console;

/** Ticked once per frame by GodotJS (not on web builds, where the browser provides them). */
declare function setTimeout(handler: () => void, timeout?: number, ...arguments: unknown[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(handler: () => void, timeout?: number, ...arguments: unknown[]): number;
declare function clearInterval(id: number | undefined): void;
