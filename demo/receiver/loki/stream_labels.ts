/**
 * Loki stream labels: parsing the selector-syntax string that protobuf pushes carry
 * (`{game="demo", level="info"}`), the checks Loki applies to every stream, whichever the format, and
 * the `service_name` Loki gives every stream it stores.
 */
import { formatLabelSet, LABEL_NAME } from '../label_rules';
import { RejectError } from '../reply';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r' };

/** Parses `{name="value", ...}` with Go-style escapes in the values; refuses anything else. */
export function parseStreamLabels(text: string): Record<string, string> {
  const source = text.trim();
  if (!source.startsWith('{') || !source.endsWith('}')) throw invalid(text, 'expected {name="value", ...}');
  const labels: Record<string, string> = {};
  let index = 1;
  const end = source.length - 1;
  // Each pass consumes one `name="value"` pair and the separator after it, so the loop ends by `end`.
  while (index < end) {
    const nameEnd = source.indexOf('=', index);
    if (nameEnd < 0) throw invalid(text, 'missing "="');
    const name = source.slice(index, nameEnd).trim();
    if (source[nameEnd + 1] !== '"') throw invalid(text, `value of ${name} must be a quoted string`);
    if (Object.hasOwn(labels, name)) throw invalid(text, `duplicate label name ${name}`);
    const [value, afterValue] = readQuoted(source, nameEnd + 2, text);
    labels[name] = value;
    index = skipSeparator(source, afterValue, end, text);
  }
  return labels;
}

/** Refuses streams Loki refuses: no labels, or a name outside Prometheus' rules. */
export function checkStreamLabels(labels: Readonly<Record<string, string>>): void {
  const names = Object.keys(labels);
  if (names.length === 0) throw new RejectError(400, 'error at least one label pair is required per stream');
  for (const name of names) {
    if (!LABEL_NAME.test(name)) {
      throw new RejectError(400, `invalid label name "${name}" in stream ${formatLabelSet(Object.entries(labels))}`);
    }
  }
}

/**
 * Loki's default `discover_service_name` (pkg/validation/limits.go): a stream without `service_name`
 * gets the value of the first of these labels it has, else "unknown_service". Grafana's Logs Drilldown
 * groups streams by it.
 */
const SERVICE_NAME_SOURCES = [
  'service', 'app', 'application', 'app_name', 'name', 'app_kubernetes_io_name', 'container', 'container_name',
  'k8s_container_name', 'component', 'workload', 'job', 'k8s_job_name',
] as const;
export const UNKNOWN_SERVICE = 'unknown_service';

/** The checked labels as Loki stores them: with a `service_name`. */
export function storedStreamLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  checkStreamLabels(labels);
  if (labels['service_name'] !== undefined) return { ...labels };
  const source = SERVICE_NAME_SOURCES.find((name) => labels[name] !== undefined && labels[name] !== '');
  return { ...labels, service_name: source === undefined ? UNKNOWN_SERVICE : (labels[source] as string) };
}

function readQuoted(source: string, start: number, text: string): [string, number] {
  let value = '';
  for (let index = start; index < source.length; index += 1) {
    const char = source[index];
    if (char === '"') return [value, index + 1];
    if (char !== '\\') {
      value += char;
      continue;
    }
    const escaped = ESCAPES[source[index + 1] ?? ''];
    if (escaped === undefined) throw invalid(text, `unsupported escape at offset ${index}`);
    value += escaped;
    index += 1;
  }
  throw invalid(text, 'unterminated quoted value');
}

function skipSeparator(source: string, index: number, end: number, text: string): number {
  const rest = source.slice(index, end).trimStart();
  if (rest === '') return end;
  if (!rest.startsWith(',')) throw invalid(text, `expected "," at offset ${index}`);
  return end - rest.length + 1;
}

function invalid(text: string, reason: string): RejectError {
  return new RejectError(400, `error parsing labels ${JSON.stringify(text)}: ${reason}`);
}
