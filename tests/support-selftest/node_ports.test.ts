import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeClock, createNodePorts, createNodeRandom } from '../../node/node_ports';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createNodeClock', () => {
  it('reads wall-clock milliseconds since the epoch', () => {
    const before = Date.now();
    const unixMs = createNodeClock().unixMs();
    expect(unixMs).toBeGreaterThanOrEqual(before);
    expect(unixMs).toBeLessThanOrEqual(Date.now());
  });

  it('counts monotonic milliseconds from its creation, with sub-millisecond resolution', async () => {
    const clock = createNodeClock();
    const first = clock.monotonicMs();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = clock.monotonicMs();
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(20);
    expect(second - first).toBeGreaterThanOrEqual(19);
    expect(Number.isInteger(first) && Number.isInteger(second)).toBe(false);
  });
});

describe('createNodeRandom', () => {
  it('returns plain Uint8Arrays of the requested length that differ between calls', () => {
    const random = createNodeRandom();
    const a = random.bytes(16);
    const b = random.bytes(16);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(a)).toBe(false);
    expect(a).toHaveLength(16);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});

describe('createNodePorts', () => {
  it('warns on the console with a [GameTracker] prefix unless given a sink', () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    createNodePorts().warn('queue full');
    expect(consoleWarn).toHaveBeenCalledWith('[GameTracker] queue full');

    const sink = vi.fn();
    createNodePorts(sink).warn('queue full');
    expect(sink).toHaveBeenCalledWith('queue full');
    expect(consoleWarn).toHaveBeenCalledTimes(1);
  });
});
