/**
 * The real Prometheus of the tests (the Debian package, 2.42; tools/services/prometheus.ts starts it).
 *
 * Usage in a test file:
 *   const prom = await startPrometheusForTests();
 *   afterAll(() => prom?.stop());
 *   describe.skipIf(prom === null)('...', () => { ... prom!.remoteWriteUrl ... });
 */
import { findPrometheusBinary, startPrometheus } from '../../tools/services/prometheus';
import type { PrometheusServer } from '../../tools/services/prometheus';

export { findPrometheusBinary, startPrometheus };
export type { PromSample, PromSeries, PrometheusServer } from '../../tools/services/prometheus';

/**
 * Starts Prometheus for a test file, or returns null (with a loud notice) when it is not installed
 * on a developer machine. On CI (CI=true) a missing binary is an error, never a silent skip.
 */
export async function startPrometheusForTests(): Promise<PrometheusServer | null> {
  const binary = findPrometheusBinary();
  if (binary !== null) return startPrometheus(binary);
  if (process.env.CI === 'true') {
    throw new Error('prometheus is not on PATH with CI=true; .ci/run installs the Debian package "prometheus"');
  }
  console.warn(
    [
      '',
      '!'.repeat(78),
      '!! SKIPPING the real-Prometheus tests: no `prometheus` binary on PATH.',
      '!! Install it (Debian/Ubuntu: apt-get install prometheus) to run them; CI always does.',
      '!'.repeat(78),
      '',
    ].join('\n'),
  );
  return null;
}

