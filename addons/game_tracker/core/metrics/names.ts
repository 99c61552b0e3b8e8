/**
 * Prometheus naming rules (https://prometheus.io/docs/concepts/data_model/): metric names match
 * `[a-zA-Z_:][a-zA-Z0-9_:]*`, label names `[a-zA-Z_][a-zA-Z0-9_]*`, and names starting with `__` are
 * reserved for Prometheus itself. Invalid characters become `_`; reserved or empty names are refused.
 */

const MAX_NAME_LENGTH = 200;
export const MAX_LABEL_VALUE_LENGTH = 1024;

function sanitize(name: string, invalid: RegExp): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  let cleaned = name.replace(invalid, '_');
  if (/^[0-9]/.test(cleaned)) cleaned = `_${cleaned}`;
  if (cleaned.startsWith('__') || /^_+$/.test(cleaned)) return undefined;
  return cleaned;
}

export function sanitizeMetricName(name: string): string | undefined {
  return sanitize(name, /[^a-zA-Z0-9_:]/g);
}

export function sanitizeLabelName(name: string): string | undefined {
  return sanitize(name, /[^a-zA-Z0-9_]/g);
}

/** Counter names end in `_total` (OpenMetrics); a name that already does is kept as is. */
export function counterName(sanitized: string): string {
  return sanitized.endsWith('_total') ? sanitized : `${sanitized}_total`;
}
