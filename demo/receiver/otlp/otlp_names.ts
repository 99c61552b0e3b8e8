/**
 * How Loki's and Prometheus' OTLP ingestion turn OpenTelemetry names and values into theirs: attribute
 * names with anything outside `[a-zA-Z0-9_]` replaced by `_` (`service.name` → `service_name`), nested
 * values flattened with `_`, and `job`/`instance` from the resource (OpenTelemetry's Prometheus
 * compatibility specification).
 */
import type { AttributeValue } from '../model/records';

export function otelToLabelName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) ? `key_${cleaned}` : cleaned;
}

/** Flat string labels: maps become `parent_child`, arrays and scalars their JSON or text. */
export function flattenAttributes(attributes: Readonly<Record<string, AttributeValue>>, into: Record<string, string> = {}, prefix = ''): Record<string, string> {
  for (const [key, value] of Object.entries(attributes)) {
    const name = otelToLabelName(prefix + key);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flattenAttributes(value as Readonly<Record<string, AttributeValue>>, into, `${name}_`);
    } else if (value !== null) {
      into[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return into;
}

/** `job` is `<service.namespace>/<service.name>` (or the name alone), `instance` is `service.instance.id`. */
export function jobAndInstance(resource: Readonly<Record<string, AttributeValue>>): Record<string, string> {
  const labels: Record<string, string> = {};
  const name = resource['service.name'];
  const namespace = resource['service.namespace'];
  if (typeof name === 'string' && name !== '') labels['job'] = typeof namespace === 'string' && namespace !== '' ? `${namespace}/${name}` : name;
  const instance = resource['service.instance.id'];
  if (typeof instance === 'string' && instance !== '') labels['instance'] = instance;
  return labels;
}
