import type { HttpPort, HttpRequest, HttpResponse } from '../../addons/game_tracker/core/ports';

/**
 * Records requests and answers them when the test says so (`respond`), never synchronously, the way a
 * real port answers on a later frame. Default answer: 204.
 */
export class FakeHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];
  private readonly waiting: { request: HttpRequest; done: (r: HttpResponse) => void }[] = [];
  /** When set, every request is answered with it on `respondAll`. */
  nextResponse: HttpResponse = { status: 204, headers: {} };

  send(request: HttpRequest, done: (response: HttpResponse) => void): void {
    this.requests.push(request);
    this.waiting.push({ request, done });
  }

  inFlight(channel?: string): number {
    return this.waiting.filter((w) => channel === undefined || w.request.channel === channel).length;
  }

  /** Answers every waiting request. */
  respondAll(response: HttpResponse = this.nextResponse): void {
    for (const w of this.waiting.splice(0)) w.done(response);
  }

  ofChannel(channel: string): HttpRequest[] {
    return this.requests.filter((r) => r.channel === channel);
  }
}

export function bodyText(request: HttpRequest): string {
  return typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
}
