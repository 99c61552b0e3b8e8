/**
 * Options → validated configuration. Bad values are replaced by the default (or clamped into range) and
 * reported; nothing here throws.
 */
import type { DeviceInfo } from './api';
import type { AutoCapture } from './health/auto_metrics';
import type { BeforeSend } from './privacy/event_filter';
import { DEVICE_FIELDS } from './privacy/device_fields';
import type { PrivacyConfig } from './privacy/device_fields';
import type { LogLevel } from './types';

/** `native`: each signal in its backend's own format; `otlp`: all three as OTLP/HTTP protobuf. */
export type Protocol = 'native' | 'otlp';

export interface TrackerConfig {
  readonly protocol: Protocol;
  readonly game: string;
  readonly version: string;
  readonly environment: string;
  readonly logsUrl: string;
  readonly metricsUrl: string;
  readonly tracesUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly flushIntervalMs: number;
  readonly batchSize: number;
  readonly queueLimit: number;
  readonly requestTimeoutMs: number;
  readonly histogramBuckets: readonly number[];
  readonly histogramBucketsByMetric: Readonly<Record<string, readonly number[]>>;
  readonly minLogLevel: LogLevel;
  readonly metricsSessionLabel: boolean;
  readonly maxSeries: number;
  readonly maxSeriesPerMetric: number;
  readonly maxOpenSpans: number;
  readonly logRepeatLimit: number;
  readonly logRepeatWindowMs: number;
  /** What the game may spend, blocked, sending the rest when it quits (0: send nothing then). */
  readonly quitTimeoutMs: number;
  /** Nothing leaves the device until the player grants consent (see privacy/consent.ts). */
  readonly requireConsent: boolean;
  /** A choice the game saved earlier (`consent`), so that nothing waits; undefined: not asked yet. */
  readonly savedConsent: boolean | undefined;
  readonly privacy: PrivacyConfig;
  readonly beforeSend: BeforeSend | undefined;
  /** What the tracker records by itself (health/auto_metrics.ts); all off unless the game turns it on. */
  readonly capture: AutoCapture;
}

/** Bucket bounds in the units the game uses most (milliseconds): frame times around 8.3/16.7/33.3 ms. */
export const DEFAULT_HISTOGRAM_BUCKETS: readonly number[] = [
  1, 2.5, 5, 8.3, 16.7, 25, 33.3, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
];

/** The blocking send at quit: long enough for a slow network, short enough that a player barely notices. */
export const DEFAULT_QUIT_TIMEOUT_MS = 2000;

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4400';

export const PATHS = { logs: '/loki/api/v1/push', metrics: '/api/v1/push', traces: '/v1/traces' } as const;

/** OTLP/HTTP's own paths (opentelemetry-proto docs/specification.md), the same on every OTLP receiver. */
export const OTLP_PATHS = { logs: '/v1/logs', metrics: '/v1/metrics', traces: '/v1/traces' } as const;

const PROTOCOLS: readonly Protocol[] = ['native', 'otlp'];

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

type Problems = string[];

function readString(raw: Record<string, unknown>, key: string, fallback: string, problems: Problems): string {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(`${key} must be a non-empty string`);
  return fallback;
}

function readInt(
  raw: Record<string, unknown>,
  key: string,
  fallback: number,
  range: { min: number; max: number },
  problems: Problems,
): number {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    problems.push(`${key} must be a number (using ${fallback})`);
    return fallback;
  }
  const clamped = Math.min(range.max, Math.max(range.min, Math.round(n)));
  if (clamped !== n) problems.push(`${key}=${n} clamped to ${clamped}`);
  return clamped;
}

function readBool(raw: Record<string, unknown>, key: string, fallback: boolean, problems: Problems): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(`${key} must be true or false`);
  return fallback;
}

/** Ascending, finite, de-duplicated bounds; `+Inf` is implicit. */
export function readBuckets(value: unknown, fallback: readonly number[], key: string, problems: Problems): readonly number[] {
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value)) {
    problems.push(`${key} must be an array of numbers`);
    return fallback;
  }
  const bounds = value.filter((b): b is number => typeof b === 'number' && Number.isFinite(b));
  const sorted = [...new Set(bounds)].sort((a, b) => a - b).slice(0, 64);
  if (sorted.length === 0 || sorted.length !== value.length) {
    problems.push(`${key} must hold 1 to 64 distinct finite numbers`);
    return sorted.length === 0 ? fallback : sorted;
  }
  return sorted;
}

function readHeaders(value: unknown, problems: Problems): Record<string, string> {
  const headers: Record<string, string> = {};
  if (value === undefined || value === null) return headers;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('headers must be a dictionary of strings');
    return headers;
  }
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    // Header names are tokens; a CR/LF in either part would let a value inject other headers.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || typeof v !== 'string' || /[\r\n]/.test(v)) {
      problems.push(`header "${name}" ignored (its name or value is not valid)`);
      continue;
    }
    headers[name] = v;
  }
  return headers;
}

function readUrl(raw: Record<string, unknown>, key: string, fallback: string, problems: Problems): string {
  const url = readString(raw, key, fallback, problems);
  if (/^https?:\/\/[^\s/]+/i.test(url)) return url;
  problems.push(`${key} must be an http:// or https:// URL`);
  return fallback;
}

function readBucketsByMetric(value: unknown, problems: Problems): Record<string, readonly number[]> {
  const byMetric: Record<string, readonly number[]> = {};
  if (value === undefined || value === null) return byMetric;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('histogram_buckets_by_metric must be a dictionary of arrays');
    return byMetric;
  }
  for (const [metric, bounds] of Object.entries(value as Record<string, unknown>)) {
    byMetric[metric] = readBuckets(bounds, DEFAULT_HISTOGRAM_BUCKETS, `histogram_buckets_by_metric.${metric}`, problems);
  }
  return byMetric;
}

const KNOWN_KEYS = new Set([
  'endpoint', 'game', 'version', 'environment', 'logs_url', 'metrics_url', 'traces_url', 'headers',
  'flush_interval_ms', 'batch_size', 'queue_limit', 'request_timeout_ms', 'histogram_buckets',
  'histogram_buckets_by_metric', 'min_log_level', 'metrics_session_label', 'max_series',
  'max_series_per_metric', 'max_open_spans', 'log_repeat_limit', 'log_repeat_window_ms', 'quit_timeout_ms',
  'protocol', 'require_consent', 'consent', 'device_context', 'user_id_only', 'before_send',
  'auto_capture', 'sessions', 'frame_health', 'telemetry_health', 'hitch_ms',
]);

/** `auto_capture: true` turns every part on; each part's own option, when given, decides for that part. */
function readCapture(raw: Record<string, unknown>, problems: Problems): AutoCapture {
  const all = readBool(raw, 'auto_capture', false, problems);
  return {
    sessions: readBool(raw, 'sessions', all, problems),
    frameHealth: readBool(raw, 'frame_health', all, problems),
    telemetryHealth: readBool(raw, 'telemetry_health', all, problems),
    hitchMs: readInt(raw, 'hitch_ms', 50, { min: 1, max: 10_000 }, problems),
  };
}

/** `device_context`: true (every field), false (none), or the names of the fields to send. */
function readDeviceFields(value: unknown, problems: Problems): readonly (keyof DeviceInfo)[] {
  if (value === undefined || value === null || value === true) return DEVICE_FIELDS;
  if (value === false) return [];
  const names = Array.isArray(value) ? value : undefined;
  const kept = DEVICE_FIELDS.filter((field) => names?.includes(field));
  if (names === undefined || kept.length !== names.length) {
    problems.push(`device_context must be true, false or a list of: ${DEVICE_FIELDS.join(', ')} (unknown names are left out)`);
  }
  return names === undefined ? DEVICE_FIELDS : kept;
}

/** A saved answer must be exactly true or false: anything else is "not asked yet", never a refusal or a grant. */
function readSavedConsent(value: unknown, problems: Problems): boolean | undefined {
  if (value === undefined || value === null || typeof value === 'boolean') return value ?? undefined;
  problems.push('consent must be true, false or null (not asked yet); taken as not asked yet');
  return undefined;
}

function readFilter(value: unknown, problems: Problems): BeforeSend | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'function') return value as BeforeSend;
  problems.push('before_send must be a function (a Callable from GDScript); ignored');
  return undefined;
}

/**
 * Validates `init` options. Returns the configuration and the problems found (each already phrased
 * for a warning); `extraKeys` lets a host accept options of its own (e.g. the Godot quit handling).
 */
export function parseConfig(
  options: unknown,
  extraKeys: readonly string[] = [],
): { config: TrackerConfig; problems: string[] } {
  const problems: Problems = [];
  let raw: Record<string, unknown> = {};
  if (options !== undefined && options !== null) {
    if (typeof options === 'object' && !Array.isArray(options)) raw = options as Record<string, unknown>;
    else problems.push('init expects a dictionary of options; using defaults');
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key) && !extraKeys.includes(key)) problems.push(`unknown option "${key}" ignored`);
  }
  const endpoint = readUrl(raw, 'endpoint', DEFAULT_ENDPOINT, problems).replace(/\/+$/, '');
  const level = raw['min_log_level'];
  const minLogLevel = LOG_LEVELS.includes(level as LogLevel) ? (level as LogLevel) : 'debug';
  if (level !== undefined && level !== null && minLogLevel !== level) problems.push('min_log_level must be debug, info, warn or error');
  const queueLimit = readInt(raw, 'queue_limit', 100, { min: 1, max: 100_000 }, problems);
  const protocol = PROTOCOLS.includes(raw['protocol'] as Protocol) ? (raw['protocol'] as Protocol) : 'native';
  if (raw['protocol'] !== undefined && raw['protocol'] !== null && protocol !== raw['protocol']) problems.push('protocol must be native or otlp');
  const paths = protocol === 'otlp' ? OTLP_PATHS : PATHS;
  const config: TrackerConfig = {
    protocol,
    game: readString(raw, 'game', 'godot_game', problems),
    version: readString(raw, 'version', '0.0.0', problems),
    environment: readString(raw, 'environment', 'development', problems),
    logsUrl: readUrl(raw, 'logs_url', endpoint + paths.logs, problems),
    metricsUrl: readUrl(raw, 'metrics_url', endpoint + paths.metrics, problems),
    tracesUrl: readUrl(raw, 'traces_url', endpoint + paths.traces, problems),
    headers: readHeaders(raw['headers'], problems),
    flushIntervalMs: readInt(raw, 'flush_interval_ms', 5000, { min: 100, max: 600_000 }, problems),
    batchSize: Math.min(queueLimit, readInt(raw, 'batch_size', 20, { min: 1, max: 10_000 }, problems)),
    queueLimit,
    requestTimeoutMs: readInt(raw, 'request_timeout_ms', 10_000, { min: 100, max: 120_000 }, problems),
    histogramBuckets: readBuckets(raw['histogram_buckets'], DEFAULT_HISTOGRAM_BUCKETS, 'histogram_buckets', problems),
    histogramBucketsByMetric: readBucketsByMetric(raw['histogram_buckets_by_metric'], problems),
    minLogLevel,
    metricsSessionLabel: readBool(raw, 'metrics_session_label', true, problems),
    maxSeries: readInt(raw, 'max_series', 2000, { min: 1, max: 100_000 }, problems),
    maxSeriesPerMetric: readInt(raw, 'max_series_per_metric', 200, { min: 1, max: 100_000 }, problems),
    maxOpenSpans: readInt(raw, 'max_open_spans', 1000, { min: 1, max: 100_000 }, problems),
    // Off unless the game asks: beyond the queue cap nothing is sampled or rate-limited by default.
    logRepeatLimit: readInt(raw, 'log_repeat_limit', 0, { min: 0, max: 100_000 }, problems),
    logRepeatWindowMs: readInt(raw, 'log_repeat_window_ms', 10_000, { min: 100, max: 3_600_000 }, problems),
    quitTimeoutMs: readInt(raw, 'quit_timeout_ms', DEFAULT_QUIT_TIMEOUT_MS, { min: 0, max: 30_000 }, problems),
    requireConsent: readBool(raw, 'require_consent', false, problems),
    savedConsent: readSavedConsent(raw['consent'], problems),
    privacy: { deviceFields: readDeviceFields(raw['device_context'], problems), userIdOnly: readBool(raw, 'user_id_only', false, problems) },
    beforeSend: readFilter(raw['before_send'], problems),
    capture: readCapture(raw, problems),
  };
  return { config, problems };
}
