/** One metric call checked and applied to the registry: what the game passed, judged once, here. */
import { isDictionary } from '../normalize';
import type { MetricRegistry, Rejection } from './registry';
import type { MetricKind } from './series';

/** Records the call; returns why it was refused, or undefined when it was recorded. */
export function applyMetricCall(registry: MetricRegistry, kind: MetricKind, name: unknown, labels: unknown, value: unknown): Rejection | undefined {
  if (typeof name !== 'string') return invalid('metric_name_type', `${kind} needs a metric name string`);
  // The name is shortened for a warning only: a slice on every accepted call showed in QuickJS-NG's
  // per-call figures (bench/analysis.md, the native comparison against the code).
  if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(`value:${name}`, `${kind} "${shown(name)}" got a value that is not a finite number; dropped`);
  if (kind === 'counter' && value < 0) return invalid(`negative:${name}`, `increment "${shown(name)}" by a negative amount; dropped`);
  if (labels !== undefined && labels !== null && !isDictionary(labels)) return invalid(`labels:${name}`, `labels of "${shown(name)}" must be a dictionary; dropped`);
  const plain = labels ?? undefined;
  if (kind === 'counter') return registry.add(name, plain, value);
  return kind === 'gauge' ? registry.set(name, plain, value) : registry.observe(name, plain, value);
}

function shown(name: string): string {
  return name.slice(0, 80);
}

function invalid(kind: string, message: string): Rejection {
  return { reason: 'invalid', kind, message };
}
