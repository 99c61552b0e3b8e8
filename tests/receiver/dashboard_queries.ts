/**
 * Reads the queries out of a Grafana dashboard JSON and the names out of PromQL, for
 * dashboard_queries.test.ts. The PromQL reading is lexical, not a parser: it is enough for dashboards
 * written against a known list of metrics, and the test also runs every query on a real Prometheus.
 */
import { parser as logqlParser } from '@grafana/lezer-logql';

export interface DashboardQuery {
  /** Panel title, or `variable <name>` for a template variable. */
  readonly where: string;
  readonly datasourceType: string;
  readonly datasourceUid: string;
  readonly expr: string;
}

interface Datasource {
  readonly type?: string;
  readonly uid?: string;
}

interface Panel {
  readonly title?: string;
  readonly datasource?: Datasource;
  readonly targets?: readonly (Datasource & { readonly datasource?: Datasource; readonly expr?: string; readonly query?: string })[];
  readonly panels?: readonly Panel[];
}

export interface Dashboard {
  readonly panels: readonly Panel[];
  readonly templating?: { readonly list: readonly { readonly name: string; readonly datasource?: Datasource; readonly query?: string }[] };
}

/** Every query of every panel (rows included) and template variable, with its data source. */
export function dashboardQueries(dashboard: Dashboard): DashboardQuery[] {
  const queries: DashboardQuery[] = [];
  const visit = (panels: readonly Panel[]): void => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        const datasource = target.datasource ?? panel.datasource ?? {};
        const expr = target.expr ?? target.query ?? '';
        queries.push({ where: panel.title ?? '(untitled)', datasourceType: datasource.type ?? '', datasourceUid: datasource.uid ?? '', expr });
      }
      visit(panel.panels ?? []);
    }
  };
  visit(dashboard.panels);
  for (const variable of dashboard.templating?.list ?? []) {
    const datasource = variable.datasource ?? {};
    queries.push({ where: `variable ${variable.name}`, datasourceType: datasource.type ?? '', datasourceUid: datasource.uid ?? '', expr: variable.query ?? '' });
  }
  return queries;
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;
/** PromQL words that are not metric names where a metric name could stand. */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const MATCHERS = /\{([^}]*)\}/g;

/** Grafana's Prometheus variable query `label_values(<selector>, <label>)`, split; undefined for PromQL. */
export function parseLabelValues(expr: string): { readonly selector: string; readonly label: string } | undefined {
  const match = /^\s*label_values\(\s*(.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/.exec(expr);
  return match ? { selector: match[1] ?? '', label: match[2] ?? '' } : undefined;
}

/** Metric names a PromQL expression (or a Grafana `label_values(...)` variable query) selects. */
export function promqlMetricNames(expr: string): string[] {
  const labelValues = parseLabelValues(expr);
  if (labelValues) return promqlMetricNames(labelValues.selector);
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(MATCHERS, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(GROUPING, '');
  const names: string[] = [];
  for (const match of bare.matchAll(NAME)) {
    const before = bare[match.index - 1] ?? '';
    const after = bare.slice(match.index + match[0].length).trimStart();
    // Function and aggregation calls, Grafana variables ($__range) and number exponents (1e3) are no names.
    if (after.startsWith('(') || before === '$' || /[0-9.]/.test(before) || KEYWORDS.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

/** Label names used in matchers and in by/without/on/ignoring/group_* lists. */
export function promqlLabelNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names: string[] = [];
  for (const [, matchers = ''] of withoutStrings.matchAll(MATCHERS)) {
    for (const [, name = ''] of matchers.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) names.push(name);
  }
  for (const [, list = ''] of withoutStrings.matchAll(GROUPING)) names.push(...(list.match(NAME) ?? []));
  const labelValues = parseLabelValues(withoutStrings);
  if (labelValues) names.push(labelValues.label);
  return names;
}

/** Grafana's variables replaced with values a bare Prometheus or Loki accepts. */
export function withVariablesReplaced(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval|\$__auto/g, '2m')
    .replace(/\$__range/g, '15m')
    .replace(/\$(game|env|version)\b/g, ALL);
}

/** What the dashboards' variables stand for with "All" selected (their `allValue`). */
export const ALL = '.+';

/**
 * Loki refuses a stream selector whose matchers all accept the empty string ("queries require at least
 * one regexp or equality matcher that does not have an empty-compatible value"): the selectors of a
 * LogQL query, with "All" selected, that Loki would refuse.
 */
export function emptyCompatibleSelectors(logql: string): string[] {
  const refused: string[] = [];
  // Backtick strings (label_format templates) hold braces that are not selectors.
  const outsideRawStrings = withVariablesReplaced(logql).replace(/`[^`]*`/g, '``');
  for (const [selector, body = ''] of outsideRawStrings.matchAll(/\{([^{}]*)\}/g)) {
    const matchers = [...body.matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)];
    const selective = matchers.some(([, , op, value = '']) => {
      const text = value.replace(/\\(.)/g, '$1');
      if (op === '=') return text !== '';
      return op === '=~' && !new RegExp(`^(?:${text})$`).test('');
    });
    if (!selective) refused.push(selector);
  }
  return refused;
}

/**
 * Where Grafana's own LogQL grammar (@grafana/lezer-logql, the parser of its Loki query editor) finds
 * a syntax error in `logql`, as "from-to" offsets; empty when it parses. No Loki runs here: this and
 * emptyCompatibleSelectors are what the tests can check of a LogQL query.
 */
export function logqlSyntaxErrors(logql: string): string[] {
  const errors: string[] = [];
  logqlParser.parse(logql).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`${node.from}-${node.to}`);
    },
  });
  return errors;
}

/** The LogQL of every Explore link to Loki in a dashboard (`/explore?left=...`). */
export function exploreLinkQueries(dashboard: Dashboard): string[] {
  const urls = JSON.stringify(dashboard).match(/\/explore\?left=[^"\\]+/g) ?? [];
  return urls.flatMap((url) => {
    const left = JSON.parse(decodeURIComponent(url.slice('/explore?left='.length))) as { datasource: string; queries: { expr: string }[] };
    return left.datasource === 'loki' ? left.queries.map((query) => query.expr) : [];
  });
}
