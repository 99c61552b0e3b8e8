/**
 * POST /api/v1/push as Prometheus (--web.enable-remote-write-receiver) and Mimir answer remote write 1.0:
 * 415 for a wrong Content-Type or Content-Encoding, 400 with a text reason for a bad body, labels or
 * timestamps, 204 when stored. Remote write 2.0 is refused with 415, as a 1.x receiver would.
 */
import { contentEncoding, mediaType } from '../content';
import type { SeriesSamples } from '../model/records';
import { NO_CONTENT, RejectError, textReply } from '../reply';
import type { ReceivedRequest, Route } from '../route';
import { timeProblem } from '../time_limits';
import { decodeRemoteWrite } from './decode_remote_write';
import { seriesLabelProblem } from './series_labels';

/** The spec's required header value for 1.0; Prometheus' own client sends exactly this. */
const REMOTE_WRITE_VERSION = '0.1.0';

export const remoteWriteRoute: Route = {
  handle(request, context) {
    checkHeaders(request);
    const series = decodeRemoteWrite(request.body, context.maxBodyBytes);
    const problem = series.map((item) => seriesLabelProblem(item.labels) ?? sampleTimeProblem(item, context.nowMs)).find(Boolean);
    if (problem) throw new RejectError(400, problem);
    const refused = context.model.addSeries(series);
    if (refused) throw new RejectError(400, refused);
    return NO_CONTENT;
  },
  refuse: (error) => textReply(error.status, error.message),
};

function checkHeaders({ headers }: ReceivedRequest): void {
  const type = mediaType(headers);
  const proto = /;\s*proto=([^;\s]+)/i.exec(headers['content-type'] ?? '')?.[1];
  if (type !== 'application/x-protobuf' || (proto !== undefined && proto !== 'prometheus.WriteRequest')) {
    throw new RejectError(415, `unsupported Content-Type "${headers['content-type'] ?? ''}": remote write 1.0 needs application/x-protobuf`);
  }
  const encoding = contentEncoding(headers);
  if (encoding !== 'snappy') throw new RejectError(415, `unsupported Content-Encoding "${encoding}": remote write needs snappy`);
  const version = headers['x-prometheus-remote-write-version'];
  if (version !== REMOTE_WRITE_VERSION) {
    throw new RejectError(400, `X-Prometheus-Remote-Write-Version must be ${REMOTE_WRITE_VERSION}, got ${JSON.stringify(version ?? null)}`);
  }
}

/** Mimir refuses samples beyond its creation grace period (err-mimir-too-far-in-future). */
function sampleTimeProblem(series: SeriesSamples, nowMs: number): string | undefined {
  for (const sample of series.samples) {
    const problem = timeProblem(sample.timestampMs, nowMs);
    if (problem) return `sample ${problem} (err-mimir-too-far-in-future)`;
  }
  return undefined;
}
