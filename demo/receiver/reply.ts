/** How the receiver answers: one value per response, written by the server as is. */

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/**
 * A request the receiver refuses, carrying the status the real backend would answer. Decoders throw it;
 * the route turns it into that backend's error body.
 */
export class RejectError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RejectError';
  }
}

/** Loki and Prometheus answer errors as plain text. */
export function textReply(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${text}\n` };
}

/** Loki and Prometheus remote write answer a stored push with an empty 204. */
export const NO_CONTENT: Reply = { status: 204, headers: {}, body: '' };

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
