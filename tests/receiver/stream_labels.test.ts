import { describe, expect, it } from 'vitest';
import { parseStreamLabels } from '../../demo/receiver/loki/stream_labels';

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
