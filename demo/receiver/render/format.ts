/** Number, time and label formatting shared by the sections. */

/** Sub-millisecond spans keep three decimals so that they do not all read 0.0 ms. */
export function formatMs(ms: number): string {
  return `${Math.abs(ms) < 1 ? ms.toFixed(3) : ms.toFixed(1)} ms`;
}

/** Integers as they are, other values to four significant digits; NaN and infinities by name. */
export function formatValue(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(', ')}}`;
}

/** Local wall-clock time of a Unix-nanosecond string, to the millisecond: `14:03:07.250`. */
export function formatClockTime(unixNano: string): string {
  const date = new Date(Number(BigInt(unixNano) / 1_000_000n));
  const pad = (value: number, digits = 2): string => String(value).padStart(digits, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

const ESCAPE = 0x1b;
/** The rest of an ANSI CSI sequence after its ESC byte, e.g. `[1m` or `[?25l`. */
const CSI_BODY = /^\[[0-9;?]*[a-zA-Z]/;

/** Cuts a line to `width` visible characters; ANSI sequences are not counted. */
export function fitWidth(line: string, width: number): string {
  let visible = 0;
  let index = 0;
  // Each pass consumes at least one character, so the loop ends with the line.
  while (index < line.length) {
    const sequence = line.charCodeAt(index) === ESCAPE ? CSI_BODY.exec(line.slice(index + 1)) : null;
    if (sequence) {
      index += 1 + sequence[0].length;
      continue;
    }
    if (visible === width) return `${line.slice(0, index)}\x1b[0m`;
    visible += 1;
    index += 1;
  }
  return line;
}
