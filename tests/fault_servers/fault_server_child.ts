/**
 * Runs one fault server in a process of its own (see fault_server_process.ts), so that it keeps
 * answering while the test's thread is blocked, as a game's is during the blocking send at quit.
 * argv[2]: the FaultMode as JSON; argv[3] (optional): FaultServerOptions as JSON. Prints nothing; talks to its parent over the IPC channel only, and
 * exits when the parent asks, disconnects, or the server's own lifetime ends.
 */
import { startFaultServer } from './fault_server';
import type { FaultMode, FaultServerOptions } from './fault_server';

export type ChildRequest = { readonly op: 'accepted' } | { readonly op: 'stop' };
export interface ChildAccepted {
  readonly path: string;
  readonly bodyBase64: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}
export type ChildReply = { readonly op: 'ready'; readonly port: number } | { readonly op: 'accepted'; readonly accepted: readonly ChildAccepted[] };

async function main(): Promise<void> {
  const mode = JSON.parse(process.argv[2] ?? '{"kind":"status","status":204}') as FaultMode;
  const options = JSON.parse(process.argv[3] ?? '{}') as FaultServerOptions;
  const server = await startFaultServer(mode, options);
  const reply = (message: ChildReply): void => void process.send?.(message);
  const quit = (): void => void server.stop().finally(() => process.exit(0));
  process.on('disconnect', quit);
  process.on('message', (request: ChildRequest) => {
    if (request.op === 'stop') return quit();
    reply({ op: 'accepted', accepted: server.accepted.map((a) => ({ path: a.path, bodyBase64: a.body.toString('base64'), headers: a.headers })) });
  });
  reply({ op: 'ready', port: server.port });
  // The server stops itself after its lifetime; the process goes with it.
  setTimeout(quit, 65_000).unref();
}

void main();
