/**
 * OTLP resource attributes for this game client, with semantic-convention names where they exist
 * (service.*, deployment.environment.name, session.id, os.*, host.arch, telemetry.sdk.*). Games have
 * no conventions for the engine, GPU or screen, so those live under `godot.*` and `device.*`.
 */
import type { DeviceInfo } from '../api';
import type { Attributes } from '../types';
import { SDK_NAME, SDK_VERSION } from '../version';

const DEVICE_ATTRIBUTE_NAMES: Readonly<Record<keyof DeviceInfo, string>> = {
  os_name: 'os.name',
  os_version: 'os.version',
  locale: 'device.locale',
  godot_version: 'godot.version',
  js_engine: 'godot.js_engine',
  gpu_name: 'device.gpu.name',
  gpu_vendor: 'device.gpu.vendor',
  screen_size: 'device.screen.size',
  cpu_name: 'host.cpu.model.name',
  cpu_count: 'device.cpu.count',
  memory_mb: 'device.memory.mb',
  arch: 'host.arch',
};

export interface ResourceIdentity {
  readonly game: string;
  readonly version: string;
  readonly environment: string;
  readonly sessionId: string;
  readonly device: Readonly<DeviceInfo>;
}

export function resourceAttributes(identity: ResourceIdentity): Attributes {
  const attrs: Attributes = {
    'service.name': identity.game,
    'service.version': identity.version,
    'deployment.environment.name': identity.environment,
    'session.id': identity.sessionId,
    'telemetry.sdk.name': SDK_NAME,
    'telemetry.sdk.language': 'javascript',
    'telemetry.sdk.version': SDK_VERSION,
  };
  for (const [key, name] of Object.entries(DEVICE_ATTRIBUTE_NAMES)) {
    const value = identity.device[key as keyof DeviceInfo];
    if (value !== undefined && value !== '') attrs[name] = value;
  }
  return attrs;
}
