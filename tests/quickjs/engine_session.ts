/** Runs tests/quickjs/session_script.ts inside QuickJS-NG on the runtime bundle, frames driven by the host. */
import path from 'node:path';
import { REPO_ROOT, bundleForEngine } from '../../tools/bundle';
import { createEngineContext } from '../../tools/quickjs_host';
import type { EngineContext } from '../../tools/quickjs_host';
import type { SessionResult } from './session_script';

const FRAME_MS = 16;

export interface EngineSession {
  readonly ctx: EngineContext;
  readonly session: SessionResult;
  readonly runtimeInputs: readonly string[];
}

export async function runEngineSession(initOptions: Record<string, unknown> = {}): Promise<EngineSession> {
  const runtime = await bundleForEngine();
  const script = await bundleForEngine(path.join(REPO_ROOT, 'tests/quickjs/session_script.ts'), ['game_tracker_core']);
  const ctx = await createEngineContext({ strictGlobals: true });
  ctx.define('game_tracker_core', runtime.code);
  ctx.define('session', script.code);
  ctx.evaluate(`globalThis.__session = require('session').runSession(${JSON.stringify(initOptions)}); 0`);
  // GodotJS fires timers from its frame update; here the host plays that part.
  for (let t = FRAME_MS; t <= 500 * FRAME_MS; t += FRAME_MS) {
    ctx.runTimers(t);
    if (ctx.evaluate<boolean>('__session.result().done')) break;
  }
  const session = JSON.parse(ctx.evaluate<string>('JSON.stringify(__session.result())')) as SessionResult;
  return { ctx, session, runtimeInputs: runtime.inputs };
}
