/** The whole summary: a header, then requests, logs, metrics and traces. */
import type { ReceiverSnapshot } from '../model/views';
import { fitWidth } from './format';
import { renderLogs, renderMetrics, renderRequests, renderTraces } from './sections';
import { renderHealth } from './health';
import type { SectionLimits } from './sections';
import { PLAIN_STYLE } from './style';
import type { Style } from './style';

export interface SummaryOptions {
  /** Lines above the sections; the first is shown bold. */
  readonly header: readonly string[];
  readonly limits: SectionLimits;
  readonly style?: Style;
  /** Lines longer than this are cut; Infinity keeps them whole. */
  readonly width?: number;
}

/** What fits a screen of about 50 rows; the final report shows everything. */
export const LIVE_LIMITS: SectionLimits = { logLines: 8, series: 14, histograms: 6, traces: 2, rejections: 3 };
export const UNLIMITED: SectionLimits = { logLines: Infinity, series: Infinity, histograms: Infinity, traces: Infinity, rejections: Infinity };

function withBlankAfter(lines: string[]): string[] {
  return lines.length === 0 ? lines : [...lines, ''];
}

export function renderSummary(snapshot: ReceiverSnapshot, options: SummaryOptions): string[] {
  const style = options.style ?? PLAIN_STYLE;
  const { limits } = options;
  const [title = '', ...subtitle] = options.header;
  const lines = [
    style.bold(title),
    ...subtitle,
    '',
    ...renderRequests(snapshot.requests, limits, style),
    '',
    ...renderLogs(snapshot.logs, limits, style),
    '',
    ...renderMetrics(snapshot.metrics, limits, style),
    '',
    ...withBlankAfter(renderHealth(snapshot.metrics, style)),
    ...renderTraces(snapshot.traces, limits, style),
  ];
  const width = options.width ?? Infinity;
  return width === Infinity ? lines : lines.map((line) => fitWidth(line, width));
}

/** The text printed when the receiver stops: every log line kept, every series and trace, no colour. */
export function renderFinalReport(snapshot: ReceiverSnapshot): string {
  return `${renderSummary(snapshot, { header: ['GameTracker receiver: final report'], limits: UNLIMITED }).join('\n')}\n`;
}
