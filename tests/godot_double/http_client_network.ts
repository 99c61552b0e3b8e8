/**
 * The double's HTTPClient sockets (http_client.ts) under vitest: one worker thread serves every
 * connection (http_client_worker.ts, evaluated from source with esbuild stripping the types), so
 * connections progress while the test's thread blocks. Node-only, hence apart from the class, which
 * the QuickJS benchmark bundles without a network; vitest.config.mts starts it in every test worker.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { transformSync } from 'esbuild';
import { useHttpClientNetwork } from './http_client';

export function startHttpClientNetwork(): void {
  const source = readFileSync(new URL('./http_client_worker.ts', import.meta.url), 'utf8');
  const worker = new Worker(transformSync(source, { loader: 'ts', format: 'cjs' }).code, { eval: true });
  worker.unref();
  useHttpClientNetwork(worker);
}

startHttpClientNetwork();
