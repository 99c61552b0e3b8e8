/**
 * Prometheus remote write 1.0: a protobuf `WriteRequest` (prompb/remote.proto + types.proto),
 * snappy block-compressed. Written with protobufjs's minimal runtime `Writer`, the same calls its
 * generated static code makes (reflection does not load inside GodotJS).
 *
 *   WriteRequest { repeated TimeSeries timeseries = 1; }
 *   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 *   Label        { string name = 1; string value = 2; }
 *   Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in ms
 */
import '../polyfills/utf8_decoder';
import { Writer } from 'protobufjs/minimal';
import { compress } from 'snappyjs';
import type { Label, MetricFamily, Series } from './series';

/** Headers the spec requires on every push. */
export const REMOTE_WRITE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/x-protobuf',
  'Content-Encoding': 'snappy',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
};

// Field tags: (field number << 3) | wire type (2 = length-delimited, 1 = 64-bit, 0 = varint).
const TAG_TIMESERIES = (1 << 3) | 2;
const TAG_LABEL = (1 << 3) | 2;
const TAG_SAMPLE = (2 << 3) | 2;
const TAG_NAME = (1 << 3) | 2;
const TAG_VALUE = (2 << 3) | 2;
const TAG_SAMPLE_VALUE = (1 << 3) | 1;
const TAG_SAMPLE_TIMESTAMP = (2 << 3) | 0;

/** Sorted by name: Prometheus compares label names byte-wise (`__name__` sorts after upper-case names). */
function mergeLabels(name: string, base: readonly Label[], own: readonly Label[], extra?: Label): Label[] {
  const all: Label[] = [['__name__', name], ...base, ...own];
  if (extra !== undefined) all.push(extra);
  return all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function writeSeries(writer: Writer, labels: readonly Label[], value: number, timestampMs: number): void {
  writer.uint32(TAG_TIMESERIES).fork();
  for (const [name, labelValue] of labels) {
    writer.uint32(TAG_LABEL).fork().uint32(TAG_NAME).string(name).uint32(TAG_VALUE).string(labelValue).ldelim();
  }
  writer.uint32(TAG_SAMPLE).fork().uint32(TAG_SAMPLE_VALUE).double(value).uint32(TAG_SAMPLE_TIMESTAMP).int64(timestampMs).ldelim();
  writer.ldelim();
}

function writeHistogram(writer: Writer, family: MetricFamily, series: Series, base: readonly Label[], timestampMs: number): void {
  const counts = series.bucketCounts as Float64Array;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i] as number;
    const le = i < family.bounds.length ? String(family.bounds[i]) : '+Inf';
    writeSeries(writer, mergeLabels(`${family.wireName}_bucket`, base, series.labels, ['le', le]), cumulative, timestampMs);
  }
  writeSeries(writer, mergeLabels(`${family.wireName}_sum`, base, series.labels), series.sum, timestampMs);
  writeSeries(writer, mergeLabels(`${family.wireName}_count`, base, series.labels), series.count, timestampMs);
}

/** Encodes every series of every family with one timestamp; returns the uncompressed protobuf. */
export function encodeWriteRequest(families: Iterable<MetricFamily>, baseLabels: readonly Label[], timestampMs: number): Uint8Array {
  const writer = Writer.create();
  for (const family of families) {
    for (const series of family.series.values()) {
      if (family.kind === 'histogram') writeHistogram(writer, family, series, baseLabels, timestampMs);
      else writeSeries(writer, mergeLabels(family.wireName, baseLabels, series.labels), series.value, timestampMs);
    }
  }
  return writer.finish();
}

/** The request body: snappy block format, never the framed format. */
export function encodeRemoteWrite(families: Iterable<MetricFamily>, baseLabels: readonly Label[], timestampMs: number): Uint8Array {
  return compress(encodeWriteRequest(families, baseLabels, timestampMs));
}
