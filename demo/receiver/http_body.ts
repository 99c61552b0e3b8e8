/** Reads a request body up to a limit. */
import type { IncomingMessage } from 'node:http';
import { RejectError } from './reply';

/**
 * Resolves with the whole body, or rejects with a 413 RejectError once it passes `maxBytes`. An oversized
 * body is still read to its end (and dropped) so that the client, still sending, receives the 413
 * instead of a reset connection.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    request.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length;
      if (receivedBytes <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (receivedBytes > maxBytes) reject(new RejectError(413, `request body of ${receivedBytes} bytes exceeds the limit of ${maxBytes} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}
