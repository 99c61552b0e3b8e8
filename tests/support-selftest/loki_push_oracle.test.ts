import { describe, expect, it } from 'vitest';
import { checkLokiPushJson } from '../support/oracles';

const NS = '1700000000123000000';

function push(entry: unknown[], stream: Record<string, unknown> = { game: 'dungeon', level: 'info' }): string {
  return JSON.stringify({ streams: [{ stream, values: [entry] }] });
}

describe('checkLokiPushJson', () => {
  it('returns the streams of a valid push, with and without structured metadata', () => {
    const body = JSON.stringify({
      streams: [
        {
          stream: { game: 'dungeon', level: 'info' },
          values: [
            [NS, 'level loaded'],
            [NS, 'boss spawned', { trace_id: '0af7651916cd43dd8448eb211c80319c', session_id: 's1' }],
          ],
        },
      ],
    });
    expect(checkLokiPushJson(body)).toEqual([
      {
        stream: { game: 'dungeon', level: 'info' },
        values: [
          { timestampNs: NS, line: 'level loaded' },
          { timestampNs: NS, line: 'boss spawned', metadata: { trace_id: '0af7651916cd43dd8448eb211c80319c', session_id: 's1' } },
        ],
      },
    ]);
  });

  it('accepts an empty line and empty metadata values', () => {
    expect(() => checkLokiPushJson(push([NS, '', { user_id: '' }]))).not.toThrow();
  });

  it.each([
    ['a numeric timestamp', push([Number(NS), 'x']), 'streams[0].values[0][0]: expected a 19-digit nanosecond timestamp string'],
    ['a millisecond timestamp', push(['1700000000123', 'x']), 'streams[0].values[0][0]'],
    ['a timestamp with a fraction', push([`${NS}.5`, 'x']), 'streams[0].values[0][0]'],
    ['a non-string line', push([NS, { message: 'x' }]), 'streams[0].values[0][1]: expected a string line'],
    ['a fourth element', push([NS, 'x', {}, {}]), 'streams[0].values[0]: expected ["<ns>", "<line>"]'],
    ['nested metadata', push([NS, 'x', { context: { scene: 'a' } }]), 'streams[0].values[0][2].context: expected a string'],
    ['a dotted metadata name', push([NS, 'x', { 'service.name': 'a' }]), 'streams[0].values[0][2].service.name: not a valid label name'],
    ['a dotted label name', push([NS, 'x'], { 'service.name': 'dungeon' }), 'streams[0].stream.service.name: not a valid label name'],
    ['a reserved label name', push([NS, 'x'], { __name__: 'dungeon' }), 'streams[0].stream.__name__: names starting with "__" are reserved'],
    ['a numeric label value', push([NS, 'x'], { build: 42 }), 'streams[0].stream.build: expected a non-empty string'],
    ['an empty label value', push([NS, 'x'], { build: '' }), 'streams[0].stream.build: expected a non-empty string'],
    ['a stream without labels', push([NS, 'x'], {}), 'streams[0].stream: a stream needs at least one label'],
    ['no streams', JSON.stringify({ streams: [] }), 'streams: expected a non-empty array'],
    ['a stream without values', JSON.stringify({ streams: [{ stream: { game: 'g' }, values: [] }] }), 'streams[0].values: expected a non-empty array'],
    ['an unknown stream key', JSON.stringify({ streams: [{ stream: { game: 'g' }, values: [[NS, 'x']], labels: '{}' }] }), 'streams[0].labels: unexpected key'],
    ['a body that is not JSON', '{"streams": [', 'body is not JSON'],
  ])('rejects %s, naming the path', (_case, body, message) => {
    expect(() => checkLokiPushJson(body)).toThrow(message);
  });
});
