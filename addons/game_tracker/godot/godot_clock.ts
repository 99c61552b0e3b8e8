import { Time } from 'godot';
import type { Clock } from '../core/ports';

const MS_PER_SECOND = 1000;
const US_PER_MS = 1000;

/** Wall clock from the system (it can jump); monotonic time from the engine's tick counter. */
export const godotClock: Clock = {
  unixMs: () => Time.get_unix_time_from_system() * MS_PER_SECOND,
  monotonicMs: () => Time.get_ticks_usec() / US_PER_MS,
};
