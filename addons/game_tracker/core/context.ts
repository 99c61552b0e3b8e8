/**
 * Who and where: session, user, tags and named contexts set by the game, and the device info from the
 * host. Each signal reads a view prepared once per change, so the per-event cost is a reference.
 */
import type { DeviceInfo } from './api';
import { normalizeValue, truncate } from './normalize';
import { restrictDevice } from './privacy/device_fields';
import type { PrivacyConfig } from './privacy/device_fields';
import type { Attributes, AttributeValue, Fields, Value } from './types';

const MAX_TAG_LENGTH = 200;
const MAX_TAGS = 64;
const MAX_CONTEXTS = 32;

/** Loki structured-metadata and Prometheus-style names: letters, digits and underscores. */
export function toMetadataName(key: string): string {
  const cleaned = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

export class TrackerContext {
  private user: Fields | undefined;
  private readonly tags = new Map<string, string>();
  private readonly contexts = new Map<string, Value>();
  private logMetadataView: Readonly<Record<string, string>> | undefined;
  private spanAttributesView: Readonly<Attributes> | undefined;
  private contextsView: Readonly<Record<string, Value>> | undefined;
  private userIdOnly = false;

  constructor(
    readonly sessionId: string,
    private deviceInfo: Readonly<DeviceInfo>,
  ) {}

  get device(): Readonly<DeviceInfo> {
    return this.deviceInfo;
  }

  /** init's privacy options: device fields left out from now on, and the user cut to its id. */
  restrict(policy: PrivacyConfig): void {
    this.deviceInfo = restrictDevice(this.deviceInfo, policy.deviceFields);
    this.userIdOnly = policy.userIdOnly;
    if (this.user !== undefined) this.user = this.keptOfUser(this.user);
    this.changed();
  }

  /**
   * The context of a new session after the player withdrew consent: a new id, no user; the game's
   * tags and named contexts (game state, not identity) and the device policy stay.
   */
  renewed(sessionId: string): TrackerContext {
    const next = new TrackerContext(sessionId, this.deviceInfo);
    next.userIdOnly = this.userIdOnly;
    for (const [key, value] of this.tags) next.tags.set(key, value);
    for (const [name, value] of this.contexts) next.contexts.set(name, value);
    return next;
  }

  /** A string is taken as the user id; a dictionary may carry id, name and more; null clears. */
  setUser(user: unknown): boolean {
    if (user === null || user === undefined) this.user = undefined;
    else if (typeof user === 'string' || typeof user === 'number' || typeof user === 'bigint') this.user = { id: String(user) };
    else {
      const value = normalizeValue(user);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      this.user = this.keptOfUser(value as Fields);
    }
    this.changed();
    return true;
  }

  private keptOfUser(user: Fields): Fields | undefined {
    if (!this.userIdOnly) return user;
    const id = user['id'];
    return id === undefined || id === null ? undefined : { id };
  }

  /** False (nothing changed) for a key that is not a non-empty string, or a 65th tag. */
  setTag(key: unknown, value: unknown): boolean {
    if (typeof key !== 'string' || key === '') return false;
    if (value === null || value === undefined) this.tags.delete(key);
    else if (!this.tags.has(key) && this.tags.size >= MAX_TAGS) return false;
    else this.tags.set(truncate(key, MAX_TAG_LENGTH), truncate(stringify(value), MAX_TAG_LENGTH));
    this.changed();
    return true;
  }

  /** Replaces the named context as a whole; null removes it. False for a name that is not a non-empty string. */
  setContext(name: unknown, values: unknown): boolean {
    if (typeof name !== 'string' || name === '') return false;
    if (values === null || values === undefined) this.contexts.delete(name);
    else if (!this.contexts.has(name) && this.contexts.size >= MAX_CONTEXTS) return false;
    else this.contexts.set(name, normalizeValue(values));
    this.changed();
    return true;
  }

  userId(): string | undefined {
    const id = this.user?.['id'];
    return id === undefined || id === null ? undefined : stringify(id);
  }

  /** Flat string map for Loki structured metadata: ids, user, tags and device. */
  logMetadata(): Readonly<Record<string, string>> {
    if (this.logMetadataView !== undefined) return this.logMetadataView;
    const meta: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.device)) {
      if (value !== undefined && value !== '') meta[key] = String(value);
    }
    for (const [key, value] of this.tags) meta[toMetadataName(key)] = value;
    meta['session_id'] = this.sessionId;
    const userId = this.userId();
    if (userId !== undefined) meta['user_id'] = userId;
    const userName = this.user?.['name'];
    if (userName !== undefined && userName !== null) meta['user_name'] = stringify(userName);
    this.logMetadataView = meta;
    return meta;
  }

  /** The named contexts, for the JSON body of each log line. */
  contextFields(): Readonly<Record<string, Value>> {
    this.contextsView ??= Object.fromEntries(this.contexts);
    return this.contextsView;
  }

  /** Span attributes: `user.*` (semantic conventions), tags as given, contexts as `<name>.<key>`. */
  spanAttributes(): Readonly<Attributes> {
    if (this.spanAttributesView !== undefined) return this.spanAttributesView;
    const attrs: Attributes = {};
    for (const [name, value] of this.contexts) flattenInto(attrs, name, value);
    for (const [key, value] of this.tags) attrs[key] = value;
    if (this.user !== undefined) {
      for (const [key, value] of Object.entries(this.user)) flattenInto(attrs, `user.${key}`, value);
    }
    this.spanAttributesView = attrs;
    return attrs;
  }

  private changed(): void {
    this.logMetadataView = undefined;
    this.spanAttributesView = undefined;
    this.contextsView = undefined;
  }
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(normalizeValue(value));
}

/** Nested records become dotted keys; scalars and scalar arrays are kept typed. */
export function flattenInto(out: Attributes, prefix: string, value: Value | undefined): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object') {
    out[prefix] = value;
    return;
  }
  if (Array.isArray(value)) {
    out[prefix] = value.every(isScalar) ? (value as AttributeValue) : JSON.stringify(value);
    return;
  }
  for (const [key, inner] of Object.entries(value as Fields)) flattenInto(out, `${prefix}.${key}`, inner);
}

function isScalar(value: Value): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
