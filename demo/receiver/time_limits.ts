/**
 * Timestamp limits the backends apply by default. They catch unit bugs early: milliseconds sent where
 * nanoseconds belong land in 1970, nanoseconds sent as milliseconds land far in the future.
 */

/** Loki's and Mimir's `creation_grace_period` default (10m): how far ahead of the server clock a time may be. */
const CREATION_GRACE_PERIOD_MS = 10 * 60 * 1000;
/** Loki's `reject_old_samples_max_age` default (168h). */
export const LOKI_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Why a timestamp would be refused, or undefined; `maxAgeMs` undefined accepts any past time. */
export function timeProblem(timeMs: number, nowMs: number, maxAgeMs?: number): string | undefined {
  if (timeMs > nowMs + CREATION_GRACE_PERIOD_MS) {
    return `timestamp too new: ${isoTime(timeMs)} is more than 10m ahead of the receiver's clock (${isoTime(nowMs)})`;
  }
  if (maxAgeMs !== undefined && timeMs < nowMs - maxAgeMs) {
    return `timestamp too old: ${isoTime(timeMs)}, oldest acceptable timestamp is ${isoTime(nowMs - maxAgeMs)}`;
  }
  return undefined;
}

function isoTime(timeMs: number): string {
  const date = new Date(timeMs);
  return Number.isNaN(date.getTime()) ? `${timeMs} ms` : date.toISOString();
}
