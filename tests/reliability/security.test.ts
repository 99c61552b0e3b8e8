/**
 * Security: HTTPS endpoints are verified by default (an unverified peer never sees a request, let alone
 * its credentials), auth headers of every common shape reach the receiver intact, and no credential
 * ever appears in a warning, whatever goes wrong.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../../addons/game_tracker/core/config';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { SIGNALS } from '../../addons/game_tracker/core/types';
import { createNodeClock, createNodeHttpPort, createNodeRandom } from '../../node/node_ports';
import { engine } from '../godot_double/engine_state';
import { fromGDScript } from '../godot_double/gdscript';
import { startAutoload } from '../addon/support/autoload';
import type { AutoloadScene } from '../addon/support/autoload';
import { runFramesUntil } from '../addon/support/frames';
import { findFreePort } from '../support/free_port';
import { OK, startFaultServer } from '../fault_servers/fault_server';
import type { FaultMode, FaultServer } from '../fault_servers/fault_server';
import { expectBooksBalanced, shutdownAndTick, tickUntil } from './support';

const TOKEN = 'glc_SECRET_token_4f9a8b7c';
const BASIC_PASSWORD = 'hunter2-SECRET';
const BASIC = `Basic ${Buffer.from(`12345:${BASIC_PASSWORD}`).toString('base64')}`;
const SECRETS = [TOKEN, BASIC_PASSWORD, BASIC.slice(6)];

const fixture = (name: string): Buffer => readFileSync(new URL(`../support-selftest/fixtures/${name}`, import.meta.url));

const servers: { stop(): Promise<void> }[] = [];
let scene: AutoloadScene | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await scene?.server.stop();
  scene = undefined;
});

function trackerFor(endpoint: string, headers: Record<string, string>, warnings: string[], extra: Record<string, unknown> = {}) {
  const tracker = createTracker({ clock: createNodeClock(), random: createNodeRandom(), http: createNodeHttpPort(), warn: (m) => warnings.push(m) });
  tracker.init({ endpoint, headers, flush_interval_ms: 100, request_timeout_ms: 300, ...extra });
  return tracker;
}

function everySignal(tracker: ReturnType<typeof trackerFor>): void {
  tracker.log_error('secret-bearing session', { note: 'x' });
  tracker.increment('logins');
  tracker.start_span('login').end();
  tracker.flush();
}

function expectNoSecret(texts: readonly string[]): void {
  for (const text of texts) for (const secret of SECRETS) expect(text, 'a warning leaked a credential').not.toContain(secret);
}

describe('HTTPS', () => {
  it('verifies certificates by default: a self-signed receiver never gets a request or the token', async () => {
    let requests = 0;
    const server = https.createServer({ key: fixture('self_signed_key.pem'), cert: fixture('self_signed_cert.pem') }, (_req, res) => {
      requests++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const warnings: string[] = [];
    const tracker = trackerFor(`https://127.0.0.1:${(server.address() as AddressInfo).port}`, { Authorization: `Bearer ${TOKEN}` }, warnings);
    everySignal(tracker);
    await tickUntil(tracker, () => tracker.stats().logs.dropped.send_failed > 0 && tracker.stats().traces.dropped.send_failed > 0, 5000);
    expect(requests).toBe(0);
    const stats = tracker.stats();
    expect(stats.logs.sent + stats.traces.sent + stats.metrics.sent).toBe(0);
    expect(warnings.join('\n')).toMatch(/certificate|self.signed|SELF_SIGNED/i);
    expectNoSecret(warnings);
    expectBooksBalanced(tracker);
  });
});

describe('auth headers', () => {
  for (const [label, headers] of [
    ['bearer', { Authorization: `Bearer ${TOKEN}` }],
    ['basic (Grafana Cloud style)', { Authorization: BASIC }],
    ['custom (X-Scope-OrgID + X-API-Key)', { 'X-Scope-OrgID': 'tenant-1', 'X-API-Key': TOKEN }],
  ] as const) {
    it(`${label}: reach the receiver on every signal, unchanged`, async () => {
      const server = await startFaultServer(OK);
      servers.push(server);
      const warnings: string[] = [];
      const tracker = trackerFor(server.baseUrl, headers, warnings);
      everySignal(tracker);
      await shutdownAndTick(tracker, 3000);
      for (const path of Object.values(PATHS)) {
        const seen = server.arrivals.filter((a) => a.path === path);
        expect(seen.length, path).toBeGreaterThan(0);
        for (const arrival of seen) for (const [name, value] of Object.entries(headers)) expect(arrival.headers[name.toLowerCase()]).toBe(value);
      }
      expect(warnings).toEqual([]);
    });
  }
});

describe('credentials never reach a warning', () => {
  const ECHO_BODY = `unauthorized: got Authorization: Bearer ${TOKEN} / ${BASIC}`;
  const FAULTS: [string, FaultMode | undefined][] = [
    ['a 401 that echoes the credentials', { kind: 'status', status: 401, body: ECHO_BODY }],
    ['a 400 that echoes the credentials', { kind: 'status', status: 400, body: ECHO_BODY }],
    ['a 429 that echoes the credentials', { kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: ECHO_BODY }],
    ['garbage', { kind: 'garbage' }],
    ['a reset', { kind: 'reset' }],
    ['no answer', { kind: 'hang' }],
    ['connection refused', undefined],
  ];
  for (const [label, fault] of FAULTS) {
    it(`after ${label}`, async () => {
      let endpoint: string;
      if (fault === undefined) endpoint = `http://127.0.0.1:${await findFreePort()}`;
      else {
        const server: FaultServer = await startFaultServer(fault);
        servers.push(server);
        endpoint = server.baseUrl;
      }
      const warnings: string[] = [];
      const tracker = trackerFor(endpoint, { Authorization: `Bearer ${TOKEN}`, 'X-Basic': BASIC, 'X-API-Key': TOKEN }, warnings);
      everySignal(tracker);
      await tickUntil(tracker, () => SIGNALS.every((s) => tracker.stats()[s].pending === 0 || s === 'metrics'), 3000);
      expect(warnings.length).toBeGreaterThan(0);
      expectNoSecret(warnings);
      expectBooksBalanced(tracker);
    });
  }

  it('nor through bad options: invalid header values, credentials in the URL', async () => {
    const warnings: string[] = [];
    const port = await findFreePort();
    const tracker = trackerFor(
      `http://12345:${BASIC_PASSWORD}@127.0.0.1:${port}`,
      { Authorization: `Bearer ${TOKEN}\r\nX-Injected: 1`, [`Bad Name ${TOKEN}`.replace(/ /g, '')]: 'x' },
      warnings,
      { headers_extra: TOKEN },
    );
    everySignal(tracker);
    await tickUntil(tracker, () => tracker.stats().logs.dropped.send_failed > 0, 3000);
    expect(warnings.length).toBeGreaterThan(0);
    expectNoSecret(warnings);
  });

  it('through the autoload and its Godot HTTP port either', async () => {
    const s = (scene = await startAutoload({ headers: fromGDScript({ Authorization: `Bearer ${TOKEN}` }), flush_interval_ms: 100 }));
    s.server.mode = { kind: 'status', status: 401, body: ECHO_BODY };
    s.gd('log_error', 'x');
    s.gd('increment', 'y');
    s.gd('flush');
    await runFramesUntil(s.tree, () => engine.warnings.some((w) => w.includes('401')), { advanceMsPerFrame: 50 });
    expect(s.server.arrivals.every((a) => a.headers['authorization'] === `Bearer ${TOKEN}`)).toBe(true);
    expectNoSecret(engine.warnings);
    expect(engine.scriptErrors).toEqual([]);
  });
});
