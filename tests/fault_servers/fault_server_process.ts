/**
 * A fault server in a child process: the receiver for tests in which the test's own thread blocks
 * (the blocking send at quit), where a server on the same thread could not answer. Bounded like the
 * in-process one: it stops on `stop()`, when the test process goes, or after its lifetime.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultMode, FaultServerOptions } from './fault_server';
import type { ChildAccepted, ChildReply, ChildRequest } from './fault_server_child';

export interface AcceptedBody {
  readonly path: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface FaultServerProcess {
  readonly baseUrl: string;
  /** What the server answered 2xx so far, asked of the child (the test thread must be free to listen). */
  accepted(): Promise<AcceptedBody[]>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

export async function startFaultServerProcess(mode: FaultMode, options: FaultServerOptions = {}): Promise<FaultServerProcess> {
  const child = fork(fileURLToPath(new URL('./fault_server_child.ts', import.meta.url)), [JSON.stringify(mode), JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextReply(child, 'ready', START_TIMEOUT_MS);
  const send = (request: ChildRequest): void => void child.send(request);
  return {
    baseUrl: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${ready.port}`,
    async accepted() {
      send({ op: 'accepted' });
      const reply = await nextReply(child, 'accepted', START_TIMEOUT_MS);
      return reply.accepted.map((a: ChildAccepted) => ({ path: a.path, body: Buffer.from(a.bodyBase64, 'base64'), headers: a.headers }));
    },
    stop() {
      if (child.exitCode !== null || !child.connected) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ op: 'stop' });
      setTimeout(() => child.kill(), 2000).unref();
      return exited;
    },
  };
}

function nextReply<K extends ChildReply['op']>(child: ChildProcess, op: K, timeoutMs: number): Promise<Extract<ChildReply, { op: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fault server process: no '${op}' after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildReply): void => {
      if (message.op !== op) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as Extract<ChildReply, { op: K }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`fault server process exited (${code}) before '${op}'`)));
  });
}
