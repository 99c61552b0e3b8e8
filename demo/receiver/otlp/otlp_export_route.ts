/**
 * POST /v1/{traces,logs,metrics} as the OpenTelemetry Collector's OTLP/HTTP receiver (and so Alloy's,
 * Tempo's, Loki's and Mimir's) answers it: JSON or protobuf, optionally gzip; 200 with an export
 * response in the request's format; errors as a google.rpc.Status in that format, except 415, which
 * is plain text.
 */
import type { Type } from 'protobufjs';
import { decodeContentEncoding, mediaType } from '../content';
import { decodePlain, loadSchemas, PLAIN_OBJECT } from '../proto_schemas';
import type { Schemas } from '../proto_schemas';
import { describeError, RejectError, textReply } from '../reply';
import type { Reply } from '../reply';
import type { IngestContext, Route } from '../route';
import { parseJson } from '../json_shape';
import { otlpJsonToProtoObject } from './otlp_json';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
/** google.rpc.Code INVALID_ARGUMENT, which the collector reports for every undecodable body. */
const INVALID_ARGUMENT = 3;

export interface OtlpSignal<T> {
  /** The request and response types of this signal's export service. */
  readonly types: (schemas: Schemas) => { readonly request: Type; readonly response: Type };
  /** Checks and stores the decoded request (a plain object, see PLAIN_OBJECT); throws RejectError to refuse it. */
  store(request: T, context: IngestContext): void;
}

/** The request as a plain object, whichever format carried it; both are held to the same schema. */
function decodeRequest<T>(type: Type, body: Uint8Array, json: boolean): T {
  if (!json) return decodePlain<T>(type, body);
  const protoObject = otlpJsonToProtoObject(type, parseJson(Buffer.from(body).toString('utf8')));
  try {
    return type.toObject(type.fromObject(protoObject), PLAIN_OBJECT) as T;
  } catch (error) {
    throw new RejectError(400, `invalid OTLP JSON: ${describeError(error)}`);
  }
}

export function otlpExportRoute<T>(signal: OtlpSignal<T>): Route {
  return {
    handle(request, context) {
      const type = mediaType(request.headers);
      if (type !== JSON_TYPE && type !== PROTOBUF_TYPE) {
        throw new RejectError(415, `unsupported media type, supported: [${JSON_TYPE}, ${PROTOBUF_TYPE}]`);
      }
      const body = decodeContentEncoding(request.body, request.headers, context.maxBodyBytes);
      const types = signal.types(loadSchemas());
      signal.store(decodeRequest<T>(types.request, body, type === JSON_TYPE), context);
      if (type === JSON_TYPE) return { status: 200, headers: { 'content-type': JSON_TYPE }, body: '{"partialSuccess":{}}' };
      return { status: 200, headers: { 'content-type': PROTOBUF_TYPE }, body: types.response.encode(types.response.create({})).finish() };
    },
    refuse(error, headers): Reply {
      if (error.status === 415) return textReply(415, `${error.status} ${error.message}`);
      const status = { code: INVALID_ARGUMENT, message: error.message };
      if (mediaType(headers) === PROTOBUF_TYPE) {
        const type = loadSchemas().rpcStatus;
        return { status: error.status, headers: { 'content-type': PROTOBUF_TYPE }, body: type.encode(type.create(status)).finish() };
      }
      return { status: error.status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(status) };
    },
  };
}
