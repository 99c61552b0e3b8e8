import { push_warning } from 'godot';
import type { WarningSink } from '../core/ports';
import { WARNING_PREFIX } from '../core/warnings';

/**
 * The tracker's own warnings go to Godot's debugger/output as warnings, never through the tracked
 * log pipeline (a failing log send must not produce another log to send). The core's lines come
 * prefixed already: they are passed on as they are, so each reads `[GameTracker] …` once.
 */
export const godotWarningSink: WarningSink = (line) => {
  push_warning(line);
};

/** The addon's own warnings (from outside the core), in the same form as the core's. */
export function godotWarn(message: string): void {
  push_warning(WARNING_PREFIX + message);
}
