/**
 * What identifies a player is the game's choice (`device_context`, `user_id_only`). The context built at
 * init already leaves those fields out; records made before init were built with the full context and
 * are cleaned here when init moves them into the running pipeline.
 */
import type { DeviceInfo } from '../api';
import type { LogRecord } from '../logs/log_record';
import type { SpanRecord } from '../traces/span_record';

export const DEVICE_FIELDS: readonly (keyof DeviceInfo)[] = [
  'os_name', 'os_version', 'locale', 'godot_version', 'js_engine', 'gpu_name', 'gpu_vendor', 'screen_size',
  'cpu_name', 'cpu_count', 'memory_mb', 'arch',
];

export interface PrivacyConfig {
  /** The device fields sent with every event (all by default; none with `device_context: false`). */
  readonly deviceFields: readonly (keyof DeviceInfo)[];
  /** `set_user` keeps the id alone: names, emails and other fields are never recorded. */
  readonly userIdOnly: boolean;
}

export function restrictDevice(device: Readonly<DeviceInfo>, fields: readonly (keyof DeviceInfo)[]): DeviceInfo {
  const kept: DeviceInfo = {};
  for (const field of fields) if (device[field] !== undefined) (kept as Record<string, unknown>)[field] = device[field];
  return kept;
}

/** The log metadata keys a policy leaves out: device fields it does not keep, and the user's name. */
function leftOutMetadata(policy: PrivacyConfig): Set<string> {
  const out = new Set<string>(DEVICE_FIELDS.filter((field) => !policy.deviceFields.includes(field)));
  if (policy.userIdOnly) out.add('user_name');
  return out;
}

/** An early record as if made under the policy (the same record when nothing changes). */
export function cleanLogRecord(record: LogRecord, policy: PrivacyConfig): LogRecord {
  const leftOut = leftOutMetadata(policy);
  if (!Object.keys(record.metadata).some((key) => leftOut.has(key))) return record;
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(record.metadata)) if (!leftOut.has(key)) metadata[key] = value;
  return { ...record, metadata };
}

/** Span attributes `user.*` other than `user.id`, when only the id may be kept. */
export function cleanSpanRecord(record: SpanRecord, policy: PrivacyConfig): SpanRecord {
  if (!policy.userIdOnly) return record;
  const keys = Object.keys(record.attributes).filter((key) => key.startsWith('user.') && key !== 'user.id');
  if (keys.length === 0) return record;
  const attributes = { ...record.attributes };
  for (const key of keys) delete attributes[key];
  return copySpanRecord(record, { attributes });
}

/** A span record is a Span object (its own fields and getters): copied field by field. */
export function copySpanRecord(record: SpanRecord, changes: Partial<SpanRecord>): SpanRecord {
  return {
    traceId: record.traceId,
    spanId: record.spanId,
    parentSpanId: record.parentSpanId,
    name: record.name,
    kind: record.kind,
    startUnixMs: record.startUnixMs,
    endUnixMs: record.endUnixMs,
    attributes: record.attributes,
    droppedAttributesCount: record.droppedAttributesCount,
    events: record.events,
    droppedEventsCount: record.droppedEventsCount,
    statusCode: record.statusCode,
    statusMessage: record.statusMessage,
    ...changes,
  };
}
