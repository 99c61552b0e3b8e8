/** How long and at what rates `npm run bench` (full or `--quick`) measures; `bench:ab` uses the full per-call budget. */
import type { AutoloadPlan } from './engines/autoload_runs';
import type { RunPlan } from './engines/types';

export const FULL: RunPlan = {
  callBudget: { warmupMs: 300, runMs: 1200, maxSamples: 50_000 },
  flushBudget: { warmupMs: 300, runMs: 2000, maxSamples: 5_000 },
  // Issue #12's two rates, and two between them: where each engine crosses the 1 ms line.
  frameRates: [1000, 2000, 5000, 10_000],
  frameSeconds: 60,
  garbageSeconds: 10,
  memorySeconds: 120,
};

export const FULL_AUTOLOAD: AutoloadPlan = { callBudget: FULL.callBudget, frameRates: [1000, 10_000], frameSeconds: 20 };

export const QUICK: RunPlan = {
  callBudget: { warmupMs: 50, runMs: 150, maxSamples: 5_000 },
  flushBudget: { warmupMs: 50, runMs: 200, maxSamples: 500 },
  frameRates: [1000, 10_000],
  frameSeconds: 5,
  garbageSeconds: 2,
  memorySeconds: 20,
};

export const QUICK_AUTOLOAD: AutoloadPlan = { callBudget: QUICK.callBudget, frameRates: [1000, 10_000], frameSeconds: 3 };
