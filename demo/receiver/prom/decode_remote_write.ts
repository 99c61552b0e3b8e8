/** Prometheus remote write 1.0 body: a snappy-block-compressed `prometheus.WriteRequest`. */
import { uncompressSnappyBlock } from '../content';
import type { SeriesSamples } from '../model/records';
import { decodePlain, loadSchemas } from '../proto_schemas';

interface PlainWriteRequest {
  readonly timeseries: readonly {
    readonly labels: readonly { readonly name: string; readonly value: string }[];
    readonly samples: readonly { readonly value: number; readonly timestamp: string }[];
  }[];
}

export function decodeRemoteWrite(body: Uint8Array, maxBodyBytes: number): SeriesSamples[] {
  const request = decodePlain<PlainWriteRequest>(loadSchemas().writeRequest, uncompressSnappyBlock(body, maxBodyBytes));
  return request.timeseries.map((series) => ({
    labels: series.labels,
    // Millisecond timestamps stay far below 2^53, so a number holds them exactly.
    samples: series.samples.map((sample) => ({ value: sample.value, timestampMs: Number(sample.timestamp) })),
  }));
}
