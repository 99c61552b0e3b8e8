/** Shared by the dashboard tests: a Prometheus fed with series of GameTracker's shape, and what each query must find there. */
import { expect } from 'vitest';
import { startPrometheusForTests } from '../support/prometheus';
import type { PrometheusServer } from '../support/prometheus';
import { parseLabelValues, withVariablesReplaced } from './dashboard_queries';
import { post, REMOTE_WRITE_HEADERS, remoteWriteBody } from './payloads';
import type { TestSeries } from './payloads';

/** A test Prometheus holding `series`, or null where the machine has no `prometheus` (the test then skips). */
export async function prometheusWith(series: readonly TestSeries[]): Promise<PrometheusServer | null> {
  const prom = await startPrometheusForTests();
  if (prom === null) return null;
  const result = await post(prom.remoteWriteUrl, remoteWriteBody(series), REMOTE_WRITE_HEADERS);
  if (result.status >= 300) throw new Error(`remote write to the test Prometheus failed: ${result.status} ${result.text}`);
  return prom;
}

/** A panel query (or a variable's `label_values`) with "All" selected runs and returns data. */
export async function expectDataFor(prom: PrometheusServer, expr: string): Promise<void> {
  const labelValues = parseLabelValues(expr);
  const result = await prom.query(withVariablesReplaced(labelValues?.selector ?? expr));
  expect(result.length).toBeGreaterThan(0);
  if (labelValues) expect(result.some((series) => labelValues.label in series.metric)).toBe(true);
}
