/**
 * Independent decoder for Prometheus Remote Write 1.0 bodies: snappy block format, then protobuf
 * decoded through a protobufjs Root reflected from `prometheus-remote-write/prom.proto`.
 *
 * That file was checked against upstream prometheus/prometheus `prompb/remote.proto` and
 * `prompb/types.proto` (tag v2.42.0, the Prometheus the tests run, and master d15adb9): WriteRequest
 * {timeseries=1, reserved 2, metadata=3}, TimeSeries {labels=1, samples=2, exemplars=3}, Label
 * {string name=1, string value=2}, Sample {double value=1, int64 timestamp=2}, Exemplar {labels=1,
 * double value=2, int64 timestamp=3} and MetricMetadata {type=1, metric_family_name=2, help=4, unit=5}
 * all match. It lacks upstream's TimeSeries.histograms=4 (native histograms), which this decoder
 * therefore skips as an unknown field; GameTracker sends classic `_bucket` series only.
 */
import { createRequire } from 'node:module';
import protobuf from 'protobufjs';
import { snappyUncompress } from './snappy';

export interface RemoteWriteLabel {
  name: string;
  value: string;
}

export interface RemoteWriteSample {
  /** NaN survives, but not its payload bits (a stale marker decodes as a plain NaN). */
  value: number;
  timestampMs: number;
}

export interface RemoteWriteExemplar {
  labels: RemoteWriteLabel[];
  value: number;
  timestampMs: number;
}

export interface RemoteWriteSeries {
  /** In wire order, duplicates kept, so that tests can check the sorting rule. */
  labels: RemoteWriteLabel[];
  samples: RemoteWriteSample[];
  exemplars: RemoteWriteExemplar[];
}

export interface RemoteWriteMetadata {
  /** MetricMetadata.MetricType: 1 COUNTER, 2 GAUGE, 3 HISTOGRAM, ... */
  type: number;
  metricFamilyName: string;
  help: string;
  unit: string;
}

export interface RemoteWriteRequest {
  timeseries: RemoteWriteSeries[];
  metadata: RemoteWriteMetadata[];
}

const PROTO_PATH = createRequire(import.meta.url).resolve('prometheus-remote-write/prom.proto');

let writeRequestType: protobuf.Type | undefined;

/** The reflected `prometheus.WriteRequest`; self-tests and support code build fixtures with it. */
export function remoteWriteRequestType(): protobuf.Type {
  writeRequestType ??= protobuf.loadSync(PROTO_PATH).lookupType('prometheus.WriteRequest');
  return writeRequestType;
}

export function decodeRemoteWrite(body: Uint8Array): RemoteWriteRequest {
  const type = remoteWriteRequestType();
  const message = type.decode(snappyUncompress(body));
  // Longs as decimal strings first, so that nothing is rounded before the safe-integer check.
  const plain = type.toObject(message, { longs: String, enums: Number, defaults: true, arrays: true });
  return toRequest(plain as RawWriteRequest);
}

interface RawSample {
  value: number;
  timestamp: string;
}

interface RawWriteRequest {
  timeseries: { labels: RemoteWriteLabel[]; samples: RawSample[]; exemplars: (RawSample & { labels: RemoteWriteLabel[] })[] }[];
  metadata: RemoteWriteMetadata[];
}

function toRequest(raw: RawWriteRequest): RemoteWriteRequest {
  return {
    timeseries: raw.timeseries.map((series, seriesIndex) => ({
      labels: series.labels.map(copyLabel),
      samples: series.samples.map((sample, i) => ({
        value: sample.value,
        timestampMs: toSafeMs(sample.timestamp, `timeseries[${seriesIndex}].samples[${i}].timestamp`),
      })),
      exemplars: series.exemplars.map((exemplar, i) => ({
        labels: exemplar.labels.map(copyLabel),
        value: exemplar.value,
        timestampMs: toSafeMs(exemplar.timestamp, `timeseries[${seriesIndex}].exemplars[${i}].timestamp`),
      })),
    })),
    metadata: raw.metadata.map(({ type, metricFamilyName, help, unit }) => ({ type, metricFamilyName, help, unit })),
  };
}

function copyLabel({ name, value }: RemoteWriteLabel): RemoteWriteLabel {
  return { name, value };
}

function toSafeMs(decimal: string, path: string): number {
  const ms = Number(decimal);
  if (!Number.isSafeInteger(ms)) throw new Error(`${path}: ${decimal} is not a millisecond timestamp a double can hold`);
  return ms;
}
