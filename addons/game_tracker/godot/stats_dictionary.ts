import { GDictionary } from 'godot';
import type { TrackerStats } from '../core/api';

type StatValue = number | string | { [key: string]: StatValue };

/**
 * The core's stats as a Godot Dictionary (GodotJS cannot return a plain JS object to GDScript). Copied
 * into literal types first: GDictionary.create accepts only values it can convert.
 */
export function statsDictionary(stats: TrackerStats): GDictionary {
  const record: { [key: string]: StatValue } = {
    session_id: stats.session_id,
    consent: stats.consent,
    logs: { ...stats.logs, dropped: { ...stats.logs.dropped } },
    metrics: { ...stats.metrics, dropped: { ...stats.metrics.dropped } },
    traces: { ...stats.traces, dropped: { ...stats.traces.dropped } },
  };
  return GDictionary.create(record);
}
