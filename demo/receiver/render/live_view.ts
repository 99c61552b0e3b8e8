/**
 * Keeps a terminal showing the receiver's summary. On a TTY it redraws in place at most 4 times a
 * second, and only after something changed; elsewhere (pipes, CI logs) it prints each rejection as it
 * happens and one status line at most every few seconds.
 */
import type { ReceiverModel } from '../model/receiver_model';
import type { ReceiverSnapshot } from '../model/views';
import { ANSI_STYLE } from './style';
import { LIVE_LIMITS, renderSummary } from './summary';

const MIN_REDRAW_INTERVAL_MS = 250;
const STATUS_LINE_INTERVAL_MS = 5_000;
const CURSOR_HOME = '\x1b[H';
const CLEAR_LINE_END = '\x1b[K';
const CLEAR_SCREEN_END = '\x1b[J';
/** The alternate screen keeps the live view out of the scrollback, so the final report follows the intro. */
const ENTER_LIVE_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_LIVE_SCREEN = '\x1b[?25h\x1b[?1049l';

export interface LiveViewOptions {
  /** Lines shown above the summary (URL, paths, how to stop); a function is asked at every redraw. */
  readonly header: readonly string[] | (() => readonly string[]);
  readonly output: NodeJS.WriteStream;
}

export interface LiveView {
  stop(): void;
}

export function startLiveView(model: ReceiverModel, options: LiveViewOptions): LiveView {
  return options.output.isTTY ? startScreen(model, options) : startStatusLines(model, options.output);
}

function startScreen(model: ReceiverModel, { header, output }: LiveViewOptions): LiveView {
  let timer: NodeJS.Timeout | undefined;
  let lastDrawMs = 0;
  const draw = (): void => {
    timer = undefined;
    lastDrawMs = Date.now();
    const rows = Math.max(1, (output.rows || 50) - 1);
    const lines = renderSummary(model.snapshot(), { header: typeof header === 'function' ? header() : header, limits: LIVE_LIMITS, style: ANSI_STYLE, width: output.columns || 120 });
    output.write(`${CURSOR_HOME}${lines.slice(0, rows).map((line) => line + CLEAR_LINE_END).join('\n')}${CLEAR_SCREEN_END}`);
  };
  const schedule = (): void => {
    timer ??= setTimeout(draw, Math.max(0, lastDrawMs + MIN_REDRAW_INTERVAL_MS - Date.now()));
  };
  const unsubscribe = model.subscribe(schedule);
  output.on('resize', schedule);
  output.write(ENTER_LIVE_SCREEN);
  draw();
  return {
    stop() {
      unsubscribe();
      output.off('resize', schedule);
      clearTimeout(timer);
      output.write(LEAVE_LIVE_SCREEN);
    },
  };
}

function startStatusLines(model: ReceiverModel, output: NodeJS.WriteStream): LiveView {
  let printed = '';
  const unsubscribe = model.subscribe((event) => {
    if (event.kind === 'rejected') output.write(`[receiver] ${event.status} ${event.path}: ${event.message}\n`);
  });
  const interval = setInterval(() => {
    const line = statusLine(model.snapshot());
    if (line !== printed) output.write(`[receiver] ${line}\n`);
    printed = line;
  }, STATUS_LINE_INTERVAL_MS);
  interval.unref();
  return {
    stop() {
      unsubscribe();
      clearInterval(interval);
    },
  };
}

function statusLine(snapshot: ReceiverSnapshot): string {
  const { requests, logs, metrics, traces } = snapshot;
  return `${requests.accepted} requests accepted, ${requests.rejected} rejected; ${logs.total} log lines, ${metrics.series.length} series and ${metrics.histograms.length} histograms, ${traces.traceCount} traces (${traces.spanCount} spans)`;
}
