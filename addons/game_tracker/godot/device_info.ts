import { DisplayServer, Engine, OS, RenderingServer } from 'godot';
import { impl as jsEngine } from 'godot-jsb';
import type { DeviceInfo } from '../core/api';

const BYTES_PER_MB = 1024 * 1024;

/**
 * Reads the device context once, at start-up. Each probe stands alone: headless and web builds lack
 * some servers (no GPU adapter, no screen) or return empty values, and a missing fact must not cost
 * the others. Empty strings, zero sizes and unknown (-1) amounts are left out.
 */
export function gatherDeviceInfo(): DeviceInfo {
  const info: DeviceInfo = {};
  const put = <K extends keyof DeviceInfo>(key: K, read: () => DeviceInfo[K]): void => {
    const value = probe(read);
    if (value !== undefined && value !== '') info[key] = value;
  };
  put('os_name', () => OS.get_name());
  put('os_version', () => OS.get_version());
  put('locale', () => OS.get_locale());
  put('godot_version', () => String(Engine.get_version_info().get('string') ?? ''));
  put('js_engine', () => jsEngine);
  put('gpu_name', () => RenderingServer.get_video_adapter_name());
  put('gpu_vendor', () => RenderingServer.get_video_adapter_vendor());
  put('screen_size', screenSize);
  put('cpu_name', () => OS.get_processor_name());
  put('cpu_count', () => positive(Number(OS.get_processor_count())));
  put('memory_mb', physicalMemoryMb);
  put('arch', () => Engine.get_architecture_name());
  return info;
}

function probe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function positive(n: number): number | undefined {
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function screenSize(): string | undefined {
  const size = DisplayServer.screen_get_size();
  return size.x > 0 && size.y > 0 ? `${size.x}x${size.y}` : undefined;
}

function physicalMemoryMb(): number | undefined {
  const bytes = positive(Number(OS.get_memory_info().get('physical')));
  return bytes === undefined ? undefined : Math.round(bytes / BYTES_PER_MB);
}
