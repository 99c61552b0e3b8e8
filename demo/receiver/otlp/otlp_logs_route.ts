/** POST /v1/logs (and Loki's /otlp/v1/logs): log records into the log view, with Loki's time limits. */
import { formatLabelSet } from '../label_rules';
import { RejectError } from '../reply';
import { LOKI_MAX_AGE_MS, timeProblem } from '../time_limits';
import { toLogEntries } from './decode_otlp_logs';
import type { PlainLogsRequest } from './decode_otlp_logs';
import { otlpExportRoute } from './otlp_export_route';

const NANOS_PER_MS = 1_000_000n;

export const otlpLogsRoute = otlpExportRoute<PlainLogsRequest>({
  types: (schemas) => ({ request: schemas.otlpLogsRequest, response: schemas.otlpLogsResponse }),
  store(request, context) {
    const entries = toLogEntries(request);
    for (const entry of entries) {
      const problem = timeProblem(Number(entry.timeUnixNano / NANOS_PER_MS), context.nowMs, LOKI_MAX_AGE_MS);
      if (problem) throw new RejectError(400, `entry for stream '${formatLabelSet(Object.entries(entry.labels))}' has ${problem}`);
    }
    context.model.addLogs(entries);
  },
});
