/**
 * The last send, when the game quits: no frame follows, so each signal's remainder goes out as one
 * blocking request, one signal after the other, all within one deadline. Whatever cannot go (no
 * blocking port, no time left) is counted as dropped (shutdown), never left pending.
 */
import type { BlockingHttpPort, HttpRequest, HttpResponse } from '../ports';
import type { Signal } from '../types';
import type { Outbox } from './outbox';

export interface FinalSendEnv {
  readonly http: BlockingHttpPort | undefined;
  monotonicMs(): number;
  warn(kind: string, message: string): void;
}

/** Logs first: the last lines before a quit are the ones games most often miss. */
const FINAL_ORDER: readonly Signal[] = ['logs', 'traces', 'metrics'];

/** `budgetMs` for all signals together; 0 sends nothing. */
export function sendFinal(outboxes: Readonly<Record<Signal, Outbox>>, budgetMs: number, env: FinalSendEnv): void {
  const deadlineMs = env.monotonicMs() + budgetMs;
  for (const signal of FINAL_ORDER) {
    const final = outboxes[signal].finalRequest();
    if (final === undefined) continue;
    if (env.http === undefined || budgetMs === 0 || env.monotonicMs() >= deadlineMs) {
      final.settle('shutdown');
      continue;
    }
    const response = sendNow(env.http, { channel: signal, ...final.request }, deadlineMs);
    const ok = response.status >= 200 && response.status < 300;
    final.settle(ok ? 'sent' : 'send_failed');
    if (!ok) {
      const what = response.status === 0 ? `no response (${response.error ?? 'network error'})` : `HTTP ${response.status}`;
      env.warn(`quit_send_failed:${signal}`, `${signal} send at quit failed: ${what}`);
    }
  }
}

function sendNow(http: BlockingHttpPort, request: HttpRequest, deadlineMs: number): HttpResponse {
  try {
    return http.sendNow(request, deadlineMs);
  } catch (error) {
    return { status: 0, headers: {}, error: `blocking HTTP port threw: ${String(error)}` };
  }
}
