/**
 * The label rules of the remote write 1.0 spec ("Labels"), enforced the way Prometheus' write handler
 * and Mimir's distributor do: a valid __name__, valid names, non-empty values, sorted by name, no
 * duplicates. Mimir's error ids are quoted so that a message can be looked up.
 */
import { formatLabelSet, LABEL_NAME, METRIC_NAME } from '../label_rules';
import type { LabelPair } from '../model/records';

/** Why the series' labels are invalid, or undefined. */
export function seriesLabelProblem(labels: readonly LabelPair[]): string | undefined {
  const problem = findProblem(labels);
  return problem && `${problem} in series ${formatLabelSet(labels.map((label) => [label.name, label.value]))}`;
}

function findProblem(labels: readonly LabelPair[]): string | undefined {
  const metricName = labels.find((label) => label.name === '__name__')?.value;
  if (metricName === undefined) return 'missing __name__ label (err-mimir-missing-metric-name)';
  if (!METRIC_NAME.test(metricName)) return `invalid metric name "${metricName}" (err-mimir-metric-name-invalid)`;
  let previous: string | undefined;
  for (const { name, value } of labels) {
    if (name !== '__name__' && !LABEL_NAME.test(name)) return `invalid label name "${name}" (err-mimir-label-invalid)`;
    if (value === '') return `empty value for label "${name}"`;
    if (name === previous) return `duplicate label name "${name}" (err-mimir-duplicate-label-names)`;
    if (previous !== undefined && name < previous) {
      return `labels not sorted by name: "${name}" after "${previous}" (err-mimir-labels-not-sorted)`;
    }
    previous = name;
  }
  return undefined;
}
