import { describe, expect, it } from 'vitest';
import { parseStreamLabels, storedStreamLabels } from '../../demo/receiver/loki/stream_labels';

describe('parseStreamLabels (Loki protobuf stream labels)', () => {
  it('reads quoted values with escapes', () => {
    expect(parseStreamLabels('{game="demo", level="info", note="a \\"quoted\\" \\\\ path\\n"}')).toEqual({
      game: 'demo',
      level: 'info',
      note: 'a "quoted" \\ path\n',
    });
  });

  it('reads values that contain the separators', () => {
    expect(parseStreamLabels('{a="x, y=\\"z\\"}", b="}"}')).toEqual({ a: 'x, y="z"}', b: '}' });
  });

  it.each([
    ['game=demo', 'expected {name="value", ...}'],
    ['{game=demo}', 'must be a quoted string'],
    ['{game="demo}', 'unterminated'],
    ['{game="demo" level="info"}', 'expected ","'],
    ['{game="a", game="b"}', 'duplicate label name'],
    ['{game="\\x41"}', 'unsupported escape'],
  ])('refuses %s', (text, reason) => {
    expect(() => parseStreamLabels(text)).toThrow(reason);
  });
});

describe('storedStreamLabels (what Loki stores, service_name included)', () => {
  it('keeps the sender\'s service_name', () => {
    expect(storedStreamLabels({ service_name: 'my_game', game: 'my_game', app: 'other' })).toMatchObject({ service_name: 'my_game' });
  });

  it('discovers it from the first of Loki\'s default source labels, else calls it unknown_service', () => {
    expect(storedStreamLabels({ job: 'j', app: 'a', level: 'info' })).toEqual({ job: 'j', app: 'a', level: 'info', service_name: 'a' });
    expect(storedStreamLabels({ game: 'demo', level: 'info' })).toEqual({ game: 'demo', level: 'info', service_name: 'unknown_service' });
  });

  it('still refuses what Loki refuses', () => {
    expect(() => storedStreamLabels({})).toThrow('at least one label');
  });
});
