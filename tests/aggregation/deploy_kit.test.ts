/**
 * The deploy kit's aggregation tier is wired the way the tests run it: the image is the vmagent version
 * the tests install, it reads the aggregation file the tests use, both Alloy configurations can send
 * through it, and vmagent itself accepts the file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGGREGATION_CONFIG, findVmagentBinary, VMAGENT_VERSION } from '../../tools/services/vmagent';

const DEPLOY = path.resolve(__dirname, '../../deploy');
const compose = readFileSync(path.join(DEPLOY, 'docker-compose.aggregated.yml'), 'utf8');

describe('deploy kit: the aggregation tier', () => {
  it('runs the tested vmagent version on the tested aggregation file, with a tier label', () => {
    expect(compose).toContain(`image: victoriametrics/vmagent:${VMAGENT_VERSION}`);
    expect(compose).toContain(`./aggregation/${path.basename(AGGREGATION_CONFIG)}:/etc/vmagent/stream_aggregation.yml:ro`);
    expect(compose).toContain('-remoteWrite.streamAggr.config=/etc/vmagent/stream_aggregation.yml');
    expect(compose).toMatch(/-remoteWrite\.label=tier=\S+/);
    expect(compose).toContain('METRICS_WRITE_URL: http://aggregator:8429/api/v1/write');
  });

  it('both Alloy configurations write metrics to METRICS_WRITE_URL when it is set, else to Prometheus', () => {
    for (const file of ['config.alloy', 'otlp.alloy']) {
      const alloy = readFileSync(path.join(DEPLOY, 'alloy', file), 'utf8');
      expect(alloy, file).toContain('url = coalesce(sys.env("METRICS_WRITE_URL"), "http://prometheus:9090/api/v1/write")');
    }
  });

  it('vmagent accepts the aggregation file (-dryRun)', (ctx) => {
    const binary = findVmagentBinary();
    if (binary === null) return ctx.skip();
    const run = spawnSync(binary, ['-dryRun', '-remoteWrite.url=http://127.0.0.1:9/api/v1/write', `-remoteWrite.streamAggr.config=${AGGREGATION_CONFIG}`], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('all the configs are ok');
  });
});
