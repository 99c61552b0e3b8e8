/**
 * Metrics as OTLP metrics (metrics/v1/metrics.proto), a cumulative snapshot of every series per push:
 *
 *   Metric             { string name = 1; Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
 *   Gauge              { repeated NumberDataPoint data_points = 1; }
 *   Sum                { repeated NumberDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; bool is_monotonic = 3; }
 *   Histogram          { repeated HistogramDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; }
 *   NumberDataPoint    { fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3; double as_double = 4; repeated KeyValue attributes = 7; }
 *   HistogramDataPoint { fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3; fixed64 count = 4; double sum = 5;
 *                        repeated fixed64 bucket_counts = 6 [packed]; repeated double explicit_bounds = 7 [packed]; repeated KeyValue attributes = 9; }
 *
 * Counters are monotonic cumulative Sums named without `_total` (Prometheus and Mimir add it back),
 * gauges are Gauges, histograms explicit-bucket Histograms (bucket_counts per bucket, bounds + 1 of
 * them). The session is the resource's `service.instance.id`, so no series carries a session label.
 */
import type { Label, MetricFamily, Series } from '../metrics/series';
import type { Attributes } from '../types';
import { writeKeyValue } from './any_value';
import { ITEM_TAG, encodeExportRequest } from './envelope';
import { FIXED64, LENGTH_DELIMITED, VARINT, tag, writeStringField, writeUnixNanos } from './proto_fields';
import { Writer } from '../wire_deps';

const AGGREGATION_TEMPORALITY_CUMULATIVE = 2;
const TAG_GAUGE = tag(5, LENGTH_DELIMITED);
const TAG_SUM = tag(7, LENGTH_DELIMITED);
const TAG_HISTOGRAM = tag(9, LENGTH_DELIMITED);
const TAG_DATA_POINT = tag(1, LENGTH_DELIMITED);
const TAG_TEMPORALITY = tag(2, VARINT);
const TAG_MONOTONIC = tag(3, VARINT);
const TAG_AS_DOUBLE = tag(4, FIXED64);
const TAG_COUNT = tag(4, FIXED64);
const TAG_SUM_VALUE = tag(5, FIXED64);
const TAG_BUCKET_COUNTS = tag(6, LENGTH_DELIMITED);
const TAG_EXPLICIT_BOUNDS = tag(7, LENGTH_DELIMITED);
const NUMBER_POINT_ATTRIBUTES = 7;
const HISTOGRAM_POINT_ATTRIBUTES = 9;

/**
 * A series' attributes as encoded KeyValue fields, built on its first push: the point labels every
 * series carries, then its own (neither ever changes for a series).
 */
const attributesBySeries = new WeakMap<Series, Uint8Array>();

function attributesOf(series: Series, fieldNumber: number, pointLabels: readonly Label[]): Uint8Array {
  let bytes = attributesBySeries.get(series);
  if (bytes === undefined) {
    const writer = Writer.create();
    for (const [name, value] of pointLabels) writeKeyValue(writer, fieldNumber, name, value);
    for (const [name, value] of series.labels) writeKeyValue(writer, fieldNumber, name, value);
    attributesBySeries.set(series, (bytes = writer.finish()));
  }
  return bytes;
}

/** The OpenTelemetry name: the family's Prometheus name without the `_total` counters get. */
function otlpName(family: MetricFamily): string {
  return family.kind === 'counter' ? family.wireName.slice(0, -'_total'.length) : family.wireName;
}

interface PointTimes {
  readonly timestampMs: number;
  readonly correctionMs: number;
  readonly pointLabels: readonly Label[];
}

/** Start and point times; a start can never be after the point (series created this very millisecond). */
function writeTimes(writer: Writer, series: Series, times: PointTimes): void {
  writeUnixNanos(writer, 2, Math.min(series.startUnixMs + times.correctionMs, times.timestampMs));
  writeUnixNanos(writer, 3, times.timestampMs);
}

function writeNumberPoints(writer: Writer, family: MetricFamily, times: PointTimes): void {
  for (const series of family.series.values()) {
    writer.uint32(TAG_DATA_POINT).fork();
    writeTimes(writer, series, times);
    writer.uint32(TAG_AS_DOUBLE).double(series.value).raw(attributesOf(series, NUMBER_POINT_ATTRIBUTES, times.pointLabels)).ldelim();
  }
}

function writeHistogramPoints(writer: Writer, family: MetricFamily, times: PointTimes): void {
  for (const series of family.series.values()) {
    writer.uint32(TAG_DATA_POINT).fork();
    writeTimes(writer, series, times);
    writer.uint32(TAG_COUNT).fixed64(series.count).uint32(TAG_SUM_VALUE).double(series.sum).uint32(TAG_BUCKET_COUNTS).fork();
    for (const count of series.bucketCounts as Float64Array) writer.fixed64(count);
    writer.ldelim().uint32(TAG_EXPLICIT_BOUNDS).fork();
    for (const bound of family.bounds) writer.double(bound);
    writer.ldelim().raw(attributesOf(series, HISTOGRAM_POINT_ATTRIBUTES, times.pointLabels)).ldelim();
  }
}

function writeMetric(writer: Writer, family: MetricFamily, times: PointTimes): void {
  if (family.series.size === 0) return;
  writer.uint32(ITEM_TAG).fork();
  writeStringField(writer, 1, otlpName(family));
  if (family.kind === 'gauge') {
    writer.uint32(TAG_GAUGE).fork();
    writeNumberPoints(writer, family, times);
  } else if (family.kind === 'counter') {
    writer.uint32(TAG_SUM).fork();
    writeNumberPoints(writer, family, times);
    writer.uint32(TAG_TEMPORALITY).uint32(AGGREGATION_TEMPORALITY_CUMULATIVE).uint32(TAG_MONOTONIC).bool(true);
  } else {
    writer.uint32(TAG_HISTOGRAM).fork();
    writeHistogramPoints(writer, family, times);
    writer.uint32(TAG_TEMPORALITY).uint32(AGGREGATION_TEMPORALITY_CUMULATIVE);
  }
  writer.ldelim().ldelim();
}

/** Every series of every family, stamped `timestampMs` (already corrected); start times are device times moved by `correctionMs`. */
/**
 * `pointLabels` go on every data point (the game, environment and version: the labels of the native
 * path, so that the same dashboards and queries work on both protocols).
 */
export function encodeOtlpMetrics(
  families: Iterable<MetricFamily>,
  resource: Readonly<Attributes>,
  timestampMs: number,
  correctionMs: number,
  pointLabels: readonly Label[] = [],
): Uint8Array {
  const times = { timestampMs, correctionMs, pointLabels };
  return encodeExportRequest(resource, (writer) => {
    for (const family of families) writeMetric(writer, family, times);
  });
}
