import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../addons/game_tracker/core/config';

describe('parseConfig', () => {
  it('derives the per-signal URLs from the endpoint', () => {
    const { config, problems } = parseConfig({ endpoint: 'https://alloy.example.com/' });
    expect(problems).toEqual([]);
    expect(config.logsUrl).toBe('https://alloy.example.com/loki/api/v1/push');
    expect(config.metricsUrl).toBe('https://alloy.example.com/api/v1/push');
    expect(config.tracesUrl).toBe('https://alloy.example.com/v1/traces');
  });

  it('lets each signal URL be overridden', () => {
    const { config } = parseConfig({ endpoint: 'http://a:1', traces_url: 'http://tempo:4318/v1/traces' });
    expect(config.tracesUrl).toBe('http://tempo:4318/v1/traces');
    expect(config.logsUrl).toBe('http://a:1/loki/api/v1/push');
  });

  it('has the documented defaults', () => {
    const { config } = parseConfig({});
    expect(config).toMatchObject({ flushIntervalMs: 5000, batchSize: 20, queueLimit: 100, metricsSessionLabel: true });
  });

  it('clamps out-of-range numbers and reports each problem', () => {
    const { config, problems } = parseConfig({ flush_interval_ms: 1, queue_limit: -5, batch_size: 'ten' });
    expect(config.flushIntervalMs).toBe(100);
    expect(config.queueLimit).toBe(1);
    expect(config.batchSize).toBe(1);
    expect(problems).toHaveLength(3);
  });

  it('never throws on garbage', () => {
    for (const junk of [42, 'x', [], null, undefined, { endpoint: 5, headers: 'no', histogram_buckets: [NaN] }]) {
      expect(() => parseConfig(junk)).not.toThrow();
    }
  });

  it('refuses header values that could inject other headers', () => {
    const { config, problems } = parseConfig({ headers: { Authorization: 'Bearer x', 'X-Evil': 'a\r\nHost: b' } });
    expect(config.headers).toEqual({ Authorization: 'Bearer x' });
    expect(problems.join()).toContain('X-Evil');
    expect(problems.join()).not.toContain('Bearer');
  });

  it('sorts and de-duplicates histogram buckets', () => {
    const { config } = parseConfig({ histogram_buckets: [10, 1, 5] });
    expect(config.histogramBuckets).toEqual([1, 5, 10]);
  });

  it('names unknown options', () => {
    expect(parseConfig({ endpiont: 'x' }).problems).toEqual(['unknown option "endpiont" ignored']);
  });
});
