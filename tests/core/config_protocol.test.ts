import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../addons/game_tracker/core/config';

describe('protocol option', () => {
  it('defaults to native, with the backends own paths', () => {
    const { config } = parseConfig({ endpoint: 'http://a:1' });
    expect(config.protocol).toBe('native');
    expect([config.logsUrl, config.metricsUrl, config.tracesUrl]).toEqual(['http://a:1/loki/api/v1/push', 'http://a:1/api/v1/push', 'http://a:1/v1/traces']);
  });

  it('otlp sends every signal to the OTLP paths; each URL may still be overridden', () => {
    const { config, problems } = parseConfig({ endpoint: 'https://gw.example.com/otlp/', protocol: 'otlp', metrics_url: 'http://mimir:9009/otlp/v1/metrics' });
    expect(problems).toEqual([]);
    expect(config.protocol).toBe('otlp');
    expect([config.logsUrl, config.metricsUrl, config.tracesUrl]).toEqual([
      'https://gw.example.com/otlp/v1/logs',
      'http://mimir:9009/otlp/v1/metrics',
      'https://gw.example.com/otlp/v1/traces',
    ]);
  });

  it('refuses anything else with one problem and keeps native', () => {
    for (const junk of ['OTLP', 'json', 1, true, {}]) {
      const { config, problems } = parseConfig({ protocol: junk });
      expect(config.protocol).toBe('native');
      expect(problems).toEqual(['protocol must be native or otlp']);
    }
  });
});
