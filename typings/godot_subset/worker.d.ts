/* eslint-disable @typescript-eslint/no-explicit-any -- messages are structured-cloned values of any shape, as GodotJS types them */
/**
 * GodotJS's "godot.worker" module (its static scripts/typings/godot.worker.d.ts, installed into every
 * game's typings): a JS environment on its own thread. Only what scripts/bench/worker_design uses.
 */
declare module 'godot.worker' {
  class JSWorker {
    /** A module id under res:// without extension, e.g. "scripts/bench/worker_design/core.worker". */
    constructor(path: string);
    /** Structured-cloned; the engine's also takes objects to transfer, which nothing here passes. */
    postMessage(message: any): void;
    terminate(): void;
    onready?: () => void;
    onmessage?: (message: any) => void;
  }

  /** Only inside a worker script. */
  const JSWorkerParent:
    | {
        onmessage?: (message: any) => void;
        close(): void;
        postMessage(message: any): void;
      }
    | undefined;
}
