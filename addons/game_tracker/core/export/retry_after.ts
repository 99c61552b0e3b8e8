/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP date. Returns the wait in ms, or
 * undefined when the header is absent or unreadable.
 */
export function parseRetryAfterMs(header: string | undefined, nowUnixMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowUnixMs);
}

/** The statuses with which a receiver asks us to slow down. */
export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** Longest pause we honour, whatever the receiver says: a game session should not go dark for hours. */
export const MAX_PAUSE_MS = 10 * 60_000;
/** Pause after a 429/503 that gave no Retry-After. */
export const DEFAULT_THROTTLE_PAUSE_MS = 30_000;
/** After repeated failures the interval doubles per failure, up to this. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * How long to hold a signal after a failed send. One failure costs nothing extra (the next batch goes
 * at the normal interval); from the second in a row the wait doubles, so a dead backend sees one
 * request a minute, not one per batch.
 */
export function failurePauseMs(consecutiveFailures: number, flushIntervalMs: number): number {
  if (consecutiveFailures < 2) return 0;
  return Math.min(MAX_BACKOFF_MS, flushIntervalMs * 2 ** (consecutiveFailures - 2));
}
