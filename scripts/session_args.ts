/**
 * The demo's command line, from `godot --headless --path . -- --endpoint=URL --duration=SECONDS`
 * (Godot hands the arguments after `--` to OS.get_cmdline_user_args()). Pure, so tests run it in Node.
 */
export interface SessionArgs {
  /** Where the tracker sends; absent means the tracker's default (http://127.0.0.1:4400). */
  readonly endpoint?: string;
  readonly durationS: number;
}

export const DEFAULT_DURATION_S = 10;
/** A runaway demo must still end by itself. */
export const MAX_DURATION_S = 3600;

export function parseSessionArgs(args: readonly string[]): SessionArgs {
  let endpoint: string | undefined;
  let durationS = DEFAULT_DURATION_S;
  for (const arg of args) {
    const [flag, ...rest] = arg.split('=');
    const value = rest.join('=');
    if (flag === '--endpoint' && value !== '') endpoint = value;
    if (flag === '--duration') durationS = parseDuration(value);
  }
  return endpoint === undefined ? { durationS } : { endpoint, durationS };
}

function parseDuration(text: string): number {
  const seconds = Number(text);
  return text.trim() !== '' && Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_DURATION_S) : DEFAULT_DURATION_S;
}
