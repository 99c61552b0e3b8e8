/** The summary's sections, each a list of lines; limits keep a live view within one screen. */
import type { HistogramView, LogsView, MetricsView, RequestsView, TracesView } from '../model/views';
import { formatClockTime, formatLabels, formatValue } from './format';
import { renderTraceTree } from './span_tree_text';
import { styleLevel } from './style';
import type { Style } from './style';

export interface SectionLimits {
  readonly logLines: number;
  readonly series: number;
  readonly histograms: number;
  readonly traces: number;
  readonly rejections: number;
}

export function renderRequests(requests: RequestsView, limits: SectionLimits, style: Style): string[] {
  const counts = Object.entries(requests.byPath).map(([path, count]) => `${path} ${count.accepted} ok${count.rejected ? `, ${style.red(`${count.rejected} refused`)}` : ''}`);
  const lines = [style.bold(`Requests  ${requests.accepted} accepted, ${requests.rejected} rejected`) + (counts.length ? `   ${counts.join('   ')}` : '')];
  for (const rejection of requests.recentRejections.slice(-limits.rejections)) {
    lines.push(`  ${style.red(String(rejection.status))} ${rejection.path}  ${rejection.message}`);
  }
  return lines;
}

export function renderLogs(logs: LogsView, limits: SectionLimits, style: Style): string[] {
  const levels = Object.entries(logs.byLevel).map(([level, count]) => `${styleLevel(level, style)} ${count}`);
  const lines = [`${style.bold(`Logs  ${logs.total}`)}   ${levels.join('  ')}`];
  for (const entry of logs.latest.slice(-limits.logLines)) {
    const metadata = Object.entries(entry.metadata).map(([name, value]) => `${name}=${value}`);
    const level = styleLevel(entry.level, style, entry.level.toUpperCase().padEnd(5));
    // One row per entry, so a stack trace does not scroll the live view away.
    const line = entry.line.replace(/\s*\n\s*/g, ' ⏎ ');
    lines.push(`  ${style.dim(formatClockTime(entry.timeUnixNano))} ${level} ${line}${metadata.length ? `  ${style.dim(metadata.join(' '))}` : ''}`);
  }
  return lines;
}

export function renderMetrics(metrics: MetricsView, limits: SectionLimits, style: Style): string[] {
  const common = commonLabels([...metrics.series, ...metrics.histograms]);
  const title = `Metrics  ${metrics.series.length} series, ${metrics.histograms.length} histograms`;
  const shared = formatLabels(common);
  const lines = [shared ? `${style.bold(title)}   ${style.dim(shared)}` : style.bold(title)];
  for (const series of metrics.series.slice(0, limits.series)) {
    const value = series.stale ? style.dim('stale') : formatValue(series.value);
    lines.push(`  ${series.name}${formatLabels(without(series.labels, common))}  ${style.green(value)}  ${style.dim(series.kind)}`);
  }
  lines.push(...more(metrics.series.length, limits.series, style));
  for (const histogram of metrics.histograms.slice(0, limits.histograms)) lines.push(renderHistogram(histogram, common, style));
  lines.push(...more(metrics.histograms.length, limits.histograms, style));
  return lines;
}

export function renderTraces(traces: TracesView, limits: SectionLimits, style: Style): string[] {
  const lines = [style.bold(`Traces  ${traces.traceCount} (${traces.spanCount} spans)`)];
  for (const trace of traces.traces.slice(0, limits.traces)) lines.push(...renderTraceTree(trace, style).map((line) => `  ${line}`));
  lines.push(...more(traces.traces.length, limits.traces, style));
  return lines;
}

function renderHistogram(histogram: HistogramView, common: Readonly<Record<string, string>>, style: Style): string {
  const stats = `count ${formatValue(histogram.count)}  p50 ${formatValue(histogram.p50)}  p95 ${formatValue(histogram.p95)}  sum ${formatValue(histogram.sum)}`;
  return `  ${histogram.name}${formatLabels(without(histogram.labels, common))}  ${style.green(stats)}`;
}

/** Label pairs every row shares (game, env, session_id, ...), printed once in the title. */
function commonLabels(rows: readonly { readonly labels: Readonly<Record<string, string>> }[]): Record<string, string> {
  const [first, ...rest] = rows;
  if (first === undefined || rest.length === 0) return {};
  return Object.fromEntries(Object.entries(first.labels).filter(([name, value]) => rest.every((row) => row.labels[name] === value)));
}

function without(labels: Readonly<Record<string, string>>, common: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([name]) => !(name in common)));
}

function more(total: number, shown: number, style: Style): string[] {
  return total > shown ? [style.dim(`  … ${total - shown} more`)] : [];
}
