/**
 * What the frame run allocates per event on V8, garbage included: V8's sampling heap profiler with the
 * objects later collected kept in the profile (`includeObjectsCollectedByMinorGC/MajorGC`). A count of
 * bytes, not a time: how often the young generation fills, so how often a frame pays a scavenge.
 */
import { Session } from 'node:inspector/promises';
import type { Runtime } from 'node:inspector';
import { simulateFrames } from '../cases/frame_cases';

export interface GarbageResult {
  readonly eventsPerSecond: number;
  /** Every byte allocated during the run, per event. */
  readonly bytesPerEvent: number;
  /** The functions that allocated most, with bytes per event (sampled every 256 bytes). */
  readonly sites: readonly { readonly site: string; readonly bytesPerEvent: number }[];
}

/** Sampling interval in bytes: fine enough that sites allocating tens of bytes per event show. */
const SAMPLING_BYTES = 256;

interface SamplingNode {
  readonly callFrame: Runtime.CallFrame;
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

function siteName(frame: Runtime.CallFrame): string {
  const file = frame.url.startsWith('data:') ? 'bench' : frame.url.split('/').slice(-2).join('/');
  return `${frame.functionName || '(anonymous)'} (${file || 'native'})`;
}

export async function measureGarbage(now: () => number, eventsPerSecond: number, seconds: number, topSites = 6): Promise<GarbageResult> {
  // Warm the code first, so that the profile holds the steady state rather than the JIT's first passes.
  simulateFrames(now, eventsPerSecond, 2);
  const session = new Session();
  session.connect();
  try {
    // Flags newer than @types/node's protocol typings; V8 11 (Node 20) knows them.
    const sampling = { samplingInterval: SAMPLING_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    await session.post('HeapProfiler.startSampling', sampling);
    simulateFrames(now, eventsPerSecond, seconds, undefined, 0);
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
    const bySite = new Map<string, number>();
    let total = 0;
    const walk = (node: SamplingNode): void => {
      total += node.selfSize;
      if (node.selfSize > 0) bySite.set(siteName(node.callFrame), (bySite.get(siteName(node.callFrame)) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
    const events = eventsPerSecond * seconds;
    const sites = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, topSites).map(([site, bytes]) => ({ site, bytesPerEvent: bytes / events }));
    return { eventsPerSecond, bytesPerEvent: total / events, sites };
  } finally {
    session.disconnect();
  }
}
