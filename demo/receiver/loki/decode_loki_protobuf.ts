/** Loki's default push body: a snappy-block-compressed `logproto.PushRequest`. */
import { uncompressSnappyBlock } from '../content';
import type { LogEntry } from '../model/records';
import { decodePlain, loadSchemas } from '../proto_schemas';
import { parseStreamLabels, storedStreamLabels } from './stream_labels';

interface PlainPushRequest {
  readonly streams: readonly {
    readonly labels: string;
    readonly entries: readonly {
      readonly timestamp: { readonly seconds: string; readonly nanos: number } | null;
      readonly line: string;
      readonly structuredMetadata: readonly { readonly name: string; readonly value: string }[];
    }[];
  }[];
}

const NANOS_PER_SECOND = 1_000_000_000n;

export function decodeLokiProtobuf(body: Uint8Array, maxBodyBytes: number): LogEntry[] {
  const request = decodePlain<PlainPushRequest>(loadSchemas().lokiPushRequest, uncompressSnappyBlock(body, maxBodyBytes));
  return request.streams.flatMap((stream) => {
    const labels = storedStreamLabels(parseStreamLabels(stream.labels));
    return stream.entries.map((entry) => ({
      timeUnixNano: BigInt(entry.timestamp?.seconds ?? '0') * NANOS_PER_SECOND + BigInt(entry.timestamp?.nanos ?? 0),
      line: entry.line,
      labels,
      metadata: Object.fromEntries(entry.structuredMetadata.map((pair) => [pair.name, pair.value])),
    }));
  });
}
