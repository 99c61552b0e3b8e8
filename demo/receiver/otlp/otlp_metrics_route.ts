/** POST /v1/metrics (and Mimir's /otlp/v1/metrics): translated to Prometheus series, then held to the same rules as remote write. */
import { seriesLabelProblem } from '../prom/series_labels';
import { RejectError } from '../reply';
import { timeProblem } from '../time_limits';
import { toSeries } from './decode_otlp_metrics';
import type { PlainMetricsRequest } from './decode_otlp_metrics';
import { otlpExportRoute } from './otlp_export_route';

export const otlpMetricsRoute = otlpExportRoute<PlainMetricsRequest>({
  types: (schemas) => ({ request: schemas.otlpMetricsRequest, response: schemas.otlpMetricsResponse }),
  store(request, context) {
    const series = toSeries(request);
    for (const item of series) {
      const problem = seriesLabelProblem(item.labels) ?? item.samples.map((s) => timeProblem(s.timestampMs, context.nowMs)).find(Boolean);
      if (problem) throw new RejectError(400, problem);
    }
    const refused = context.model.addSeries(series);
    if (refused) throw new RejectError(400, refused);
  },
});
