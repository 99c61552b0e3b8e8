/**
 * vmagent running the deploy kit's aggregation tier (deploy/aggregation/stream_aggregation.yml) in front
 * of a Prometheus: what tests and `npm run load` put between the game clients and storage. Installed
 * with `go install github.com/VictoriaMetrics/VictoriaMetrics/app/vmagent@<VMAGENT_VERSION>` (.ci/run
 * does); the deploy kit runs the image of the same version.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findExecutable } from './executables';
import { startService } from './service_process';

export const VMAGENT_VERSION = 'v1.151.0';
export const AGGREGATION_CONFIG = path.join(__dirname, '../../deploy/aggregation/stream_aggregation.yml');
/** The interval the deploy kit's file aggregates over; tests shorten it (see aggregationConfigText). */
const DEPLOYED_INTERVAL = '30s';

export interface TierServer {
  /** Where game clients (or Alloy) write: Prometheus remote write. */
  readonly remoteWriteUrl: string;
  /** vmagent's own metrics (Prometheus text), e.g. its CPU seconds and resident memory. */
  readonly metricsUrl: string;
  stop(): Promise<void>;
}

export interface TierOptions {
  readonly binary: string;
  /** Where the aggregated series go. */
  readonly storageWriteUrl: string;
  /** The `tier` label on every output series: one value per tier instance (see docs/capacity.md). */
  readonly tierName: string;
  /** The aggregation interval, in whole seconds (the deploy kit's is 30). */
  readonly intervalSec: number;
}

export function findVmagentBinary(): string | null {
  return findExecutable('vmagent');
}

/**
 * The deploy kit's aggregation config with its interval set to `intervalSec`: the one thing a test
 * cannot wait for. The interval appears in the rules and in the output names the gauge rule renames.
 */
export function aggregationConfigText(intervalSec: number): string {
  const deployed = readFileSync(AGGREGATION_CONFIG, 'utf8');
  const occurrences = deployed.split(DEPLOYED_INTERVAL).length - 1;
  if (occurrences === 0) throw new Error(`${AGGREGATION_CONFIG} no longer aggregates over ${DEPLOYED_INTERVAL}`);
  return deployed.replaceAll(DEPLOYED_INTERVAL, `${intervalSec}s`);
}

export async function startTier(options: TierOptions): Promise<TierServer> {
  const service = await startService({
    name: 'vmagent',
    binary: options.binary,
    args: (port, dir) => {
      const configFile = path.join(dir, 'stream_aggregation.yml');
      writeFileSync(configFile, aggregationConfigText(options.intervalSec));
      return [
        `-httpListenAddr=127.0.0.1:${port}`,
        `-remoteWrite.url=${options.storageWriteUrl}`,
        `-remoteWrite.streamAggr.config=${configFile}`,
        `-remoteWrite.label=tier=${options.tierName}`,
        `-remoteWrite.tmpDataPath=${path.join(dir, 'queue')}`,
        '-remoteWrite.flushInterval=1s',
        '-loggerLevel=WARN',
      ];
    },
    readyPath: '/health',
  });
  return {
    remoteWriteUrl: `${service.baseUrl}/api/v1/write`,
    metricsUrl: `${service.baseUrl}/metrics`,
    stop: service.stop,
  };
}
