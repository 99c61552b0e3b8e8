/** The three telemetry signals, each with its own queue, endpoint and connection. */
export type Signal = 'logs' | 'metrics' | 'traces';
export const SIGNALS: readonly Signal[] = ['logs', 'metrics', 'traces'];

/**
 * Why an item never reached the backend. Every dropped item is counted under exactly one reason.
 * - queue_full: the queue was at its cap and this (the oldest) item made room for a newer one
 * - paused: as queue_full, while the channel was paused (429/503 Retry-After, or the backoff after
 *   repeated failures), i.e. while nothing could leave anyway
 * - send_failed: its batch was refused or never answered; failed batches are not resent
 * - invalid: bad input (wrong types, NaN, bad names, misuse); dropped at the call with a warning
 * - limit: a cardinality guard refused it (too many series or open spans)
 * - shutdown: still unsent when shutdown's deadline passed, or recorded after shutdown
 * - throttled: a log line repeating one just sent (same level and message) within the repeat window
 *   (only when the game turns the throttle on); a later summary line says how many were held back
 * - before_init: made before `init`, and either the early buffer (the default queue limits) was full or
 *   the game ended without ever calling `init`
 * - no_consent: held while consent was pending and then refused, withdrawn or never given before the
 *   game ended; or recorded while consent was refused
 * - filtered: the game's `before_send` filter returned nothing for it
 * - filter_failed: the `before_send` filter threw or returned something that is not an event, or was
 *   switched off after failing or stalling too often (fail closed: nothing it was meant to scrub leaves)
 */
export type DropReason =
  | 'queue_full' | 'paused' | 'send_failed' | 'invalid' | 'limit' | 'shutdown' | 'throttled' | 'before_init'
  | 'no_consent' | 'filtered' | 'filter_failed';
export const DROP_REASONS: readonly DropReason[] = [
  'queue_full', 'paused', 'send_failed', 'invalid', 'limit', 'shutdown', 'throttled', 'before_init',
  'no_consent', 'filtered', 'filter_failed',
];

/** A value the tracker can carry after normalisation: JSON-like, acyclic, bounded. */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
export type Fields = { readonly [key: string]: Value };

/** Attributes on spans and events: OTLP's typed scalars and arrays of them. */
export type AttributeValue = string | number | boolean | readonly (string | number | boolean)[];
export type Attributes = Record<string, AttributeValue>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
