/**
 * Prometheus' classic name rules, which Loki stream labels, Mimir and Prometheus remote write share
 * (prometheus/common model: LabelNameRE, MetricNameRE). Prometheus 3 can be configured for UTF-8 names,
 * but Loki, Mimir and Alloy's defaults still apply these, so a portable sender must follow them.
 */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** `{a="1", b="x\"y"}`: how Prometheus and Loki print a label set in their error messages. */
export function formatLabelSet(pairs: Iterable<readonly [string, string]>): string {
  const printed = [...pairs].map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `{${printed.join(', ')}}`;
}
