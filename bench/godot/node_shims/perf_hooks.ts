/** node:perf_hooks for the double inside QuickJS-NG, whose shell and WASM build have `performance`. */
export const performance = { now: (): number => (globalThis as unknown as { performance: { now(): number } }).performance.now() };
