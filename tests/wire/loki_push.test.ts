import { describe, expect, it } from 'vitest';
import { checkLokiPushJson } from '../support/oracles';
import { createHarness } from '../fakes/tracker_harness';

describe('Loki push JSON (checked against the documented push API shape)', () => {
  it('groups lines into low-cardinality streams with ids in structured metadata', () => {
    const h = createHarness();
    h.tracker.set_user('u-7');
    h.tracker.log_info('Player joined', { player_id: '123' });
    h.clock.advance(0.25);
    h.tracker.log_error('Crash', { code: 7 });
    h.tracker.flush();
    h.tracker.tick();
    const request = h.http.ofChannel('logs')[0]!;
    expect(request.url).toBe('http://127.0.0.1:9/loki/api/v1/push');
    expect(request.headers['Content-Type']).toBe('application/json');
    const streams = checkLokiPushJson(request.body as string);
    expect(streams.map((s) => s.stream)).toEqual([
      { service_name: 'test_game', game: 'test_game', env: 'test', level: 'info' },
      { service_name: 'test_game', game: 'test_game', env: 'test', level: 'error' },
    ]);
    const start = BigInt(Date.UTC(2026, 10, 24, 12)) * 1_000_000n;
    const [info] = streams[0]!.values;
    const [error] = streams[1]!.values;
    expect(info!.timestampNs).toBe(String(start));
    expect(error!.timestampNs).toBe(String(start + 250_000n));
    expect(JSON.parse(info!.line)).toEqual({ msg: 'Player joined', data: { player_id: '123' } });
    expect(info!.metadata).toMatchObject({ session_id: h.tracker.stats().session_id, user_id: 'u-7' });
    for (const stream of streams) expect(Object.keys(stream.stream)).not.toContain('session_id');
  });
});
