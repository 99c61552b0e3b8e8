/**
 * POST /v1/traces as the OpenTelemetry Collector's OTLP/HTTP receiver (and so Alloy's and Tempo's)
 * answers it: JSON or protobuf, optionally gzip; 200 with an export response in the request's format;
 * errors as a google.rpc.Status in that format, except 415, which is plain text.
 */
import { decodeContentEncoding, mediaType } from '../content';
import { loadSchemas } from '../proto_schemas';
import { RejectError, textReply } from '../reply';
import type { Reply } from '../reply';
import type { Route } from '../route';
import { decodeOtlpTracesJson, decodeOtlpTracesProtobuf } from './decode_otlp_traces';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
/** google.rpc.Code INVALID_ARGUMENT, which the collector reports for every undecodable body. */
const INVALID_ARGUMENT = 3;

export const otlpTracesRoute: Route = {
  handle(request, context) {
    const type = mediaType(request.headers);
    if (type !== JSON_TYPE && type !== PROTOBUF_TYPE) {
      throw new RejectError(415, `unsupported media type, supported: [${JSON_TYPE}, ${PROTOBUF_TYPE}]`);
    }
    const body = decodeContentEncoding(request.body, request.headers, context.maxBodyBytes);
    const spans = type === JSON_TYPE ? decodeOtlpTracesJson(Buffer.from(body).toString('utf8')) : decodeOtlpTracesProtobuf(body);
    context.model.addSpans(spans);
    if (type === JSON_TYPE) return { status: 200, headers: { 'content-type': JSON_TYPE }, body: '{"partialSuccess":{}}' };
    const response = loadSchemas().otlpTraceResponse;
    return { status: 200, headers: { 'content-type': PROTOBUF_TYPE }, body: response.encode(response.create({})).finish() };
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
