/** The contract between the HTTP server and the per-path handlers. */
import type { IncomingHttpHeaders } from 'node:http';
import type { ReceiverModel } from './model/receiver_model';
import type { RejectError, Reply } from './reply';

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

export interface IngestContext {
  readonly model: ReceiverModel;
  /** The receiver's wall clock, for the backends' timestamp limits. */
  readonly nowMs: number;
  /** The body limit, applied again after decompression. */
  readonly maxBodyBytes: number;
}

export interface Route {
  /** Decodes, checks and stores one POST; throws RejectError to refuse it. */
  handle(request: ReceivedRequest, context: IngestContext): Reply;
  /** The error body this backend answers for a refusal (in the request's format where it has one). */
  refuse(error: RejectError, headers: IncomingHttpHeaders): Reply;
}
