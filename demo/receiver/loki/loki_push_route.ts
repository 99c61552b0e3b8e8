/**
 * POST /loki/api/v1/push as Loki answers it (pkg/loghttp/push): JSON when Content-Type is
 * application/json (optionally gzip), otherwise snappy protobuf; 204 when stored, 400 with a text reason.
 */
import { decodeContentEncoding, mediaType } from '../content';
import { formatLabelSet } from '../label_rules';
import type { LogEntry } from '../model/records';
import { NO_CONTENT, RejectError, textReply } from '../reply';
import type { ReceivedRequest, Route } from '../route';
import { LOKI_MAX_AGE_MS, timeProblem } from '../time_limits';
import { decodeLokiJson } from './decode_loki_json';
import { decodeLokiProtobuf } from './decode_loki_protobuf';

const NANOS_PER_MS = 1_000_000n;

export const lokiPushRoute: Route = {
  handle(request, context) {
    const entries = decodeEntries(request, context.maxBodyBytes);
    for (const entry of entries) {
      const problem = timeProblem(Number(entry.timeUnixNano / NANOS_PER_MS), context.nowMs, LOKI_MAX_AGE_MS);
      if (problem) throw new RejectError(400, `entry for stream '${formatLabelSet(Object.entries(entry.labels))}' has ${problem}`);
    }
    context.model.addLogs(entries);
    return NO_CONTENT;
  },
  refuse: (error) => textReply(error.status, error.message),
};

function decodeEntries(request: ReceivedRequest, maxBodyBytes: number): LogEntry[] {
  const type = mediaType(request.headers);
  if (type === 'application/json') {
    const body = decodeContentEncoding(request.body, request.headers, maxBodyBytes);
    return decodeLokiJson(Buffer.from(body).toString('utf8'));
  }
  // Loki decodes every other type as protobuf; the receiver answers 415 instead, so a wrong header shows.
  if (type === '' || type === 'application/x-protobuf') {
    // The protobuf body is snappy whatever the header says; Loki accepts `Content-Encoding: snappy` as a no-op.
    const body = decodeContentEncoding(request.body, request.headers, maxBodyBytes, ['snappy']);
    return decodeLokiProtobuf(body, maxBodyBytes);
  }
  throw new RejectError(415, `unsupported Content-Type "${type}": use application/json or application/x-protobuf`);
}
