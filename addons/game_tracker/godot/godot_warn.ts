import { push_warning } from 'godot';
import type { WarningSink } from '../core/ports';

/**
 * The tracker's own warnings go to Godot's debugger/output as warnings, never through the tracked
 * log pipeline (a failing log send must not produce another log to send).
 */
export const godotWarn: WarningSink = (message) => {
  push_warning(`[GameTracker] ${message}`);
};
