import { describe, expect, it } from 'vitest';
import { histogramQuantile } from '../../demo/receiver/model/histogram_quantile';

const FRAME_TIME_BUCKETS = [
  { le: 8.3, count: 10 },
  { le: 16.7, count: 90 },
  { le: 33.3, count: 99 },
  { le: Infinity, count: 100 },
];

describe('histogramQuantile (as PromQL histogram_quantile)', () => {
  it('interpolates linearly inside the bucket that holds the rank', () => {
    // Rank 50 of 100 lies in (8.3, 16.7], 40 of its 80 observations in: 8.3 + 8.4 × 0.5.
    expect(histogramQuantile(0.5, FRAME_TIME_BUCKETS)).toBeCloseTo(12.5, 10);
    // The lowest bucket starts at 0: rank 5 of 10 there is 8.3 × 0.5.
    expect(histogramQuantile(0.05, FRAME_TIME_BUCKETS)).toBeCloseTo(4.15, 10);
  });

  it('answers the highest finite bound when the rank falls into +Inf', () => {
    expect(histogramQuantile(0.995, FRAME_TIME_BUCKETS)).toBe(33.3);
  });

  it('does not depend on the order buckets arrive in', () => {
    expect(histogramQuantile(0.5, [...FRAME_TIME_BUCKETS].reverse())).toBeCloseTo(12.5, 10);
  });

  it('has no estimate without observations or without a +Inf bucket', () => {
    expect(histogramQuantile(0.5, [{ le: 10, count: 0 }, { le: Infinity, count: 0 }])).toBeUndefined();
    expect(histogramQuantile(0.5, [{ le: 10, count: 3 }])).toBeUndefined();
  });
});
