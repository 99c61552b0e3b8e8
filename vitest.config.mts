import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run the engine seam against a Godot double that follows GodotJS semantics.
    alias: {
      godot: fileURLToPath(new URL('./tests/godot_double/godot.ts', import.meta.url)),
      'godot-jsb': fileURLToPath(new URL('./tests/godot_double/godot_jsb.ts', import.meta.url)),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // The double's HTTPClient gets its sockets (a worker thread) in every test worker.
    setupFiles: ['tests/godot_double/http_client_network.ts'],
    reporters: ['default', './tests/support/summary_reporter.ts'],
    // Real servers (Prometheus, the demo receiver) start per file; keep files parallel but bounded.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
