/** The demo records exactly the metrics demo/metric_names.ts lists, which is what the dashboard may query. */
import { describe, expect, it } from 'vitest';
import { DEMO_METRICS } from '../../demo/metric_names';
import { GameSession } from '../../demo/game_session';
import { Rng } from '../../demo/rng';
import { decodeRemoteWrite } from '../support/oracles';
import { createHarness } from '../fakes/tracker_harness';

describe('the demo game session', () => {
  it('emits every listed metric, with the listed labels, and nothing else', () => {
    const h = createHarness();
    const session = new GameSession(h.tracker, new Rng(3), 'p1');
    session.start();
    for (let frame = 0; frame < 20_000; frame++) session.frame(16);
    h.tracker.flush();
    h.tracker.tick();
    const body = h.http.ofChannel('metrics').at(-1)!.body as Uint8Array;
    const labelsByMetric = new Map<string, Set<string>>();
    for (const series of decodeRemoteWrite(body).timeseries) {
      const name = series.labels.find((l) => l.name === '__name__')!.value.replace(/_(bucket|sum|count)$/, '');
      const own = series.labels.map((l) => l.name).filter((l) => !['__name__', 'le', 'game', 'env', 'version', 'session_id'].includes(l));
      labelsByMetric.set(name, new Set([...(labelsByMetric.get(name) ?? []), ...own]));
    }
    const expected = Object.fromEntries(Object.entries(DEMO_METRICS).map(([name, m]) => [name, [...m.labels].sort()]));
    expect(Object.fromEntries([...labelsByMetric].map(([name, labels]) => [name, [...labels].sort()]))).toEqual(expected);
  });
});
