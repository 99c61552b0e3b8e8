import type { BlockingHttpPort, HttpRequest, HttpResponse } from '../../addons/game_tracker/core/ports';

/**
 * The blocking port used at quit, answered from a script: each request gets `response` (default 204)
 * and advances `onSend` (e.g. the fake clock, to play a slow receiver). Records every request and
 * the deadline it was given.
 */
export class FakeBlockingHttp implements BlockingHttpPort {
  readonly requests: { request: HttpRequest; deadlineMs: number }[] = [];
  response: HttpResponse = { status: 204, headers: {} };
  onSend: (request: HttpRequest, deadlineMs: number) => void = () => {};

  sendNow(request: HttpRequest, deadlineMs: number): HttpResponse {
    this.requests.push({ request, deadlineMs });
    this.onSend(request, deadlineMs);
    return this.response;
  }

  ofChannel(channel: string): HttpRequest[] {
    return this.requests.filter((r) => r.request.channel === channel).map((r) => r.request);
  }
}
