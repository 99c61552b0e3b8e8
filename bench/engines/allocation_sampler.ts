/**
 * Every byte a piece of code allocates on V8, garbage included: V8's sampling heap profiler with the
 * objects later collected kept in the profile (`includeObjectsCollectedByMinorGC/MajorGC`).
 */
import { Session } from 'node:inspector/promises';
import type { Runtime } from 'node:inspector';

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

/** Every byte `run` allocates, garbage included, by the function that allocated it. */
export async function sampleAllocations(run: () => void): Promise<{ readonly totalBytes: number; readonly bytesBySite: ReadonlyMap<string, number> }> {
  const session = new Session();
  session.connect();
  try {
    // Flags newer than @types/node's protocol typings; V8 11 (Node 20) knows them.
    const sampling = { samplingInterval: SAMPLING_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    await session.post('HeapProfiler.startSampling', sampling);
    run();
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
    const bytesBySite = new Map<string, number>();
    let totalBytes = 0;
    const walk = (node: SamplingNode): void => {
      totalBytes += node.selfSize;
      if (node.selfSize > 0) {
        const site = siteName(node.callFrame);
        bytesBySite.set(site, (bytesBySite.get(site) ?? 0) + node.selfSize);
      }
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
    return { totalBytes, bytesBySite };
  } finally {
    session.disconnect();
  }
}
