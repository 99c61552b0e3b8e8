/**
 * What the frame run allocates per event on V8, garbage included (`allocation_sampler.ts`). A count of
 * bytes, not a time: how often the young generation fills, so how often a frame pays a scavenge.
 */
import { simulateFrames } from '../cases/frame_cases';
import { sampleAllocations } from './allocation_sampler';

export interface GarbageResult {
  readonly eventsPerSecond: number;
  /** Every byte allocated during the run, per event. */
  readonly bytesPerEvent: number;
  /** The functions that allocated most, with bytes per event (sampled every 256 bytes). */
  readonly sites: readonly { readonly site: string; readonly bytesPerEvent: number }[];
}

export async function measureGarbage(now: () => number, eventsPerSecond: number, seconds: number, topSites = 6): Promise<GarbageResult> {
  // Warm the code first, so that the profile holds the steady state rather than the JIT's first passes.
  simulateFrames(now, eventsPerSecond, 2);
  const { totalBytes, bytesBySite } = await sampleAllocations(() => simulateFrames(now, eventsPerSecond, seconds, undefined, 0));
  const events = eventsPerSecond * seconds;
  const sites = [...bytesBySite].sort((a, b) => b[1] - a[1]).slice(0, topSites).map(([site, bytes]) => ({ site, bytesPerEvent: bytes / events }));
  return { eventsPerSecond, bytesPerEvent: totalBytes / events, sites };
}
