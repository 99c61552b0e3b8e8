/** POST /v1/traces: spans into the trace view. */
import { otlpExportRoute } from './otlp_export_route';
import { toSpanRecords } from './decode_otlp_traces';
import type { PlainTraceRequest } from './decode_otlp_traces';

export const otlpTracesRoute = otlpExportRoute<PlainTraceRequest>({
  types: (schemas) => ({ request: schemas.otlpTraceRequest, response: schemas.otlpTraceResponse }),
  store: (request, context) => context.model.addSpans(toSpanRecords(request)),
});
