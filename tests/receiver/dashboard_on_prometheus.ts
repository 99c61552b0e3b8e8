/**
 * Shared by the dashboard tests: a Prometheus fed with series of GameTracker's shape (directly, or
 * through the aggregation tier), and what each query must find there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { findVmagentBinary, startTier } from '../../tools/services/vmagent';
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

/**
 * A test Prometheus behind the real aggregation tier (vmagent, deploy/aggregation, 1 s intervals),
 * holding what the tier made of `series`: at each of `checkpointsMs` the sessions alive then push
 * their sample of that instant, as GameTracker's pushes would reach the tier over time. Null where
 * the machine lacks `prometheus` or `vmagent` (the test then skips; CI has both).
 */
export async function prometheusBehindTier(series: readonly TestSeries[], checkpointsMs: readonly number[]): Promise<PrometheusServer | null> {
  const binary = findVmagentBinary();
  if (binary === null) return null;
  const prom = await startPrometheusForTests();
  if (prom === null) return null;
  const tier = await startTier({ binary, storageWriteUrl: prom.remoteWriteUrl, tierName: 'dashboard-test', intervalSec: 1 });
  try {
    const snapshotAt = (atMs: number): TestSeries[] =>
      series.flatMap((one) => {
        const sample = one.samples.find(([, timeMs]) => timeMs === atMs);
        return sample === undefined ? [] : [{ labels: one.labels, samples: [sample] }];
      });
    const push = async (snapshot: TestSeries[]): Promise<void> => {
      const result = await post(tier.remoteWriteUrl, remoteWriteBody(snapshot), REMOTE_WRITE_HEADERS);
      if (result.status >= 300) throw new Error(`remote write to the tier failed: ${result.status} ${result.text}`);
    };
    for (const atMs of checkpointsMs) {
      await push(snapshotAt(atMs));
      await sleep(TIER_STEP_MS);
    }
    // The sessions alive at the last checkpoint go on pushing it, as they would every 5 s, until the
    // tier stops: its sums reach storage, and a session online is one that still pushes.
    const last = snapshotAt(checkpointsMs.at(-1)!);
    for (let pushes = 0; pushes < 12; pushes++) {
      await push(last);
      await sleep(TIER_STEP_MS / 4);
    }
  } finally {
    await tier.stop();
  }
  return prom;
}

/** A little over the tier's 1 s interval, so that each snapshot lands in an interval of its own. */
const TIER_STEP_MS = 1300;
