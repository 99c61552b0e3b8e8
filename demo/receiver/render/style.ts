/** Plain ANSI styling; a disabled style returns text unchanged (pipes, files, the final report). */

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\x1b[${open}m${text}\x1b[${close}m`;

export const ANSI_STYLE: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
};

const same = (text: string): string => text;

export const PLAIN_STYLE: Style = { bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };

/** Colours `text` (default: the level itself) by log level as Grafana's log panels do: errors red, warnings yellow. */
export function styleLevel(level: string, style: Style, text = level): string {
  if (level === 'error' || level === 'fatal' || level === 'critical') return style.red(text);
  if (level === 'warn' || level === 'warning') return style.yellow(text);
  if (level === 'debug' || level === 'trace') return style.dim(text);
  return text;
}
