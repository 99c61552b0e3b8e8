import type { Logger } from './logger';

/**
 * What the double's engine reports and records, for tests to set up and inspect. `resetEngine()`
 * restores the defaults (a Linux desktop with a GPU and a screen, not the editor).
 */
export interface EngineState {
  editorHint: boolean;
  /** OS.has_feature tags, e.g. "web", "mobile". */
  features: Set<string>;
  cmdlineUserArgs: string[];
  gpuName: string;
  gpuVendor: string;
  screen: { width: number; height: number };
  /** Fully qualified singleton methods that throw, e.g. "RenderingServer.get_video_adapter_name". */
  failingProbes: Set<string>;
  /** Crypto.generate_random_bytes returns an empty array, as Godot does when the RNG fails. */
  cryptoFails: boolean;
  /** Added to the monotonic and wall clocks, so tests can let time pass without waiting. */
  timeOffsetMs: number;
  /** push_warning() messages. */
  warnings: string[];
  /** What GodotJS/Godot would print as errors: exceptions out of script methods, failed conversions. */
  scriptErrors: string[];
  /** The engine's own ERR_PRINTs that its methods make on bad input (the game goes on), e.g. a cyclic Dictionary. */
  errorPrints: string[];
  /** EditorPlugin.add_autoload_singleton/remove_autoload_singleton. */
  autoloads: Map<string, string>;
  /**
   * PEM certificates HTTPClient's TLSOptions.client() trusts, standing in for the project setting
   * `network/tls/certificate_bundle_override`; empty means the system's bundle.
   */
  tlsCertificates: string[];
  /** Loggers installed with OS.add_logger (Godot 4.5+). */
  loggers: Logger[];
  /** What Performance.get_monitor answers, by Monitor value; absent ones answer 0. */
  monitors: Map<number, number>;
  /** project.godot's settings, by path (e.g. "game_tracker/enabled"). */
  projectSettings: Map<string, unknown>;
}

export const engine: EngineState = freshState();

function freshState(): EngineState {
  return {
    editorHint: false,
    features: new Set(['linuxbsd', 'pc', 'x86_64']),
    cmdlineUserArgs: [],
    gpuName: 'Double GPU',
    gpuVendor: 'Double Vendor',
    screen: { width: 1920, height: 1080 },
    failingProbes: new Set(),
    cryptoFails: false,
    timeOffsetMs: 0,
    warnings: [],
    scriptErrors: [],
    errorPrints: [],
    autoloads: new Map(),
    tlsCertificates: [],
    loggers: [],
    monitors: new Map([[0, 60], [4, 64 * 1024 * 1024], [7, 1500], [13, 120]]),
    projectSettings: new Map(),
  };
}

export function resetEngine(): void {
  Object.assign(engine, freshState());
}

/** Lets `ms` of engine time pass at once (Time singleton only; real timers and sockets are unaffected). */
export function advanceTime(ms: number): void {
  engine.timeOffsetMs += ms;
}

export function probe<T>(name: string, value: () => T): T {
  if (engine.failingProbes.has(name)) throw new Error(`${name} is not available (double)`);
  return value();
}
