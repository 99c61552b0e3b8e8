/**
 * The whole life of a game, as a new user writes it (issue #9): children record before the parent's
 * `init`, the game quits with `get_tree().quit()` right after its last line, and everything it
 * recorded reaches a receiver on 127.0.0.1 (a separate process, so that it answers while the game's
 * thread blocks at quit), decoded independently. A dead and a slow receiver never hold the exit
 * past the bound.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import { startFaultServerProcess } from '../fault_servers/fault_server_process';
import type { AcceptedBody, FaultServerProcess } from '../fault_servers/fault_server_process';
import type { GDictionary } from '../godot_double/containers';
import { engine } from '../godot_double/engine_state';
import { fromGDScript } from '../godot_double/gdscript';
import { HTTPClient } from '../godot_double/http_client';
import { Node } from '../godot_double/node';
import type { SceneTree } from '../godot_double/node';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';
import { findFreePort } from '../support/free_port';
import { FRAMES_PER_SECOND, GameTally, QUIT_FRAME, exampleMainScene, seriesKey } from './support/example_game';
import { PATHS } from './support/autoload';
import { asDoubleNode, freshScene } from './support/scene';

const SIGNALS = ['logs', 'metrics', 'traces'] as const;
let server: FaultServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

interface Played {
  tree: SceneTree;
  game: GameTally;
  /** How long the frame in which the game quit took: the tree's teardown and the blocking send. */
  quitFrameMs: number;
}

/** Plays the example to its quit, one engine frame per step, with real I/O between frames. */
async function playExample(endpoint: string, options: Record<string, unknown> = {}): Promise<Played> {
  const { tree } = freshScene();
  const tracker = new GameTrackerNode();
  tracker.set_name('GameTracker');
  tree.root.add_child(asDoubleNode(tracker));
  const game = new GameTally(tracker);
  tree.root.add_child(exampleMainScene(game, { endpoint, game: 'example', version: '1.0.0', environment: 'ci', ...options }));
  let quitFrameMs = 0;
  for (let frame = 1; frame <= QUIT_FRAME; frame++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    engine.timeOffsetMs += 1000 / FRAMES_PER_SECOND;
    const start = performance.now();
    tree.step(1 / FRAMES_PER_SECOND);
    quitFrameMs = performance.now() - start;
  }
  expect(tree.double_ended).toBe(true);
  return { tree, game, quitFrameMs };
}

function statsOf(game: GameTally): Record<(typeof SIGNALS)[number], { produced: number; sent: number; pending: number; dropped: Record<string, number> }> {
  const stats = game.gd('stats') as GDictionary;
  const plain = (d: GDictionary): Record<string, unknown> => Object.fromEntries([...d].map(({ key, value }) => [key, value instanceof Object && 'keys' in value ? plain(value as GDictionary) : value]));
  return plain(stats) as never;
}

function receivedLines(accepted: readonly AcceptedBody[]): Map<number, string> {
  const lines = new Map<number, string>();
  for (const body of accepted.filter((a) => a.path === PATHS.logs)) {
    for (const stream of checkLokiPushJson(body.body.toString('utf8'))) {
      for (const entry of stream.values) {
        const line = JSON.parse(entry.line) as { msg: string; data: { seq: number } };
        expect(lines.has(line.data.seq)).toBe(false);
        lines.set(line.data.seq, line.msg);
      }
    }
  }
  return lines;
}

/** Each counter series' newest sample: what a dashboard shows as the final value. */
function finalCounters(accepted: readonly AcceptedBody[]): Map<string, number> {
  const newest = new Map<string, { timestampMs: number; value: number }>();
  for (const body of accepted.filter((a) => a.path === PATHS.metrics)) {
    for (const series of decodeRemoteWrite(new Uint8Array(body.body)).timeseries) {
      const labels = Object.fromEntries(series.labels.map((l) => [l.name, l.value]));
      const name = labels['__name__'] ?? '';
      if (!name.endsWith('_total')) continue;
      const own = Object.fromEntries(Object.entries(labels).filter(([k]) => !['__name__', 'environment', 'game', 'version', 'session_id', 'env', 'service_name'].includes(k)));
      for (const sample of series.samples) {
        const key = seriesKey(name, own);
        if ((newest.get(key)?.timestampMs ?? -1) < sample.timestampMs) newest.set(key, { timestampMs: sample.timestampMs, value: sample.value });
      }
    }
  }
  return new Map([...newest].map(([key, { value }]) => [key, value]));
}

function receivedSpans(accepted: readonly AcceptedBody[]): { name: string; attributes: Record<string, unknown> }[] {
  return accepted
    .filter((a) => a.path === PATHS.traces)
    .flatMap((a) => decodeOtlpTracesJson(a.body.toString('utf8')).resourceSpans)
    .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))
    .map((span) => ({ name: span.name, attributes: Object.fromEntries(span.attributes.map((kv) => [kv.key, kv.value.stringValue ?? kv.value.intValue ?? kv.value.boolValue])) }));
}

describe('the integration example, from the first _ready to get_tree().quit()', () => {
  it('delivers every log line, the exact final counters and every span; the books balance', async () => {
    server = await startFaultServerProcess({ kind: 'status', status: 204 });
    const { game } = await playExample(server.baseUrl);
    const accepted = await server.accepted();

    const lines = receivedLines(accepted);
    expect(lines).toEqual(game.lines);
    expect([...game.lines.values()].filter((msg) => msg === 'purchase_attempt')).toHaveLength(16);
    expect([...lines.values()]).toContain('Player despawned');
    expect(finalCounters(accepted)).toEqual(game.counters);
    expect(game.counters.get('player_deaths_total{cause="lava"}')).toBe(3);
    expect(game.counters.get('revenue_total{currency="gold"}')).toBe(480);

    const spans = receivedSpans(accepted);
    expect(spans).toHaveLength(game.spans);
    expect(spans.filter((s) => s.name === 'level_load')).toHaveLength(7);
    expect(spans.find((s) => s.name === 'session')?.attributes['game_tracker.ended_by']).toBe('quit');
    // Context set before init (by the player's _ready) is on what the game recorded after it, the
    // events kept before init included; init's identity is on all of them.
    expect(spans.find((s) => s.name === 'load_textures')?.attributes['user.id']).toBe('player-1');
    const spawned = accepted
      .filter((a) => a.path === PATHS.logs)
      .flatMap((a) => checkLokiPushJson(a.body.toString('utf8')))
      .find((stream) => stream.values.some((v) => v.line.includes('Player spawned')));
    expect(spawned?.stream['game']).toBe('example');
    expect(spawned?.values.find((v) => v.line.includes('Player spawned'))?.metadata?.['user_id']).toBe('player-1');

    const stats = statsOf(game);
    for (const signal of SIGNALS) {
      const { produced, sent, pending, dropped } = stats[signal];
      expect({ signal, produced, sent, pending, dropped: Object.values(dropped).reduce((a, b) => a + b, 0) }).toEqual({ signal, produced, sent: produced, pending: 0, dropped: 0 });
    }
    expect(engine.warnings).toEqual([]);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('with a dead endpoint, quits at once and counts everything as dropped', async () => {
    const { game, quitFrameMs } = await playExample(`http://127.0.0.1:${await findFreePort()}`);
    expect(quitFrameMs).toBeLessThan(500);
    for (const signal of SIGNALS) {
      const { produced, sent, pending, dropped } = statsOf(game)[signal];
      expect(sent).toBe(0);
      expect(pending).toBe(0);
      expect(dropped['send_failed']).toBe(produced);
    }
    expect(engine.scriptErrors).toEqual([]);
  });

  it('with an endpoint that never answers, the exit waits no longer than quit_timeout_ms (default 2 s)', async () => {
    server = await startFaultServerProcess({ kind: 'hang' });
    const { game, quitFrameMs } = await playExample(server.baseUrl);
    expect(quitFrameMs).toBeGreaterThanOrEqual(1900);
    expect(quitFrameMs).toBeLessThan(2000 + 300);
    for (const signal of SIGNALS) {
      const { produced, sent, pending, dropped } = statsOf(game)[signal];
      expect({ sent, pending }).toEqual({ sent: 0, pending: 0 });
      expect((dropped['send_failed'] ?? 0) + (dropped['shutdown'] ?? 0)).toBe(produced);
    }
  });

  it('with quit_timeout_ms set, waits no longer than that; with 0, sends nothing and counts it as shutdown', async () => {
    server = await startFaultServerProcess({ kind: 'hang' });
    const bounded = await playExample(server.baseUrl, { quit_timeout_ms: 500 });
    expect(bounded.quitFrameMs).toBeGreaterThanOrEqual(450);
    expect(bounded.quitFrameMs).toBeLessThan(500 + 300);
    await server.stop();
    server = await startFaultServerProcess({ kind: 'hang' });
    const { game, quitFrameMs } = await playExample(server.baseUrl, { quit_timeout_ms: 0 });
    expect(quitFrameMs).toBeLessThan(200);
    expect(statsOf(game).logs.dropped['shutdown']).toBeGreaterThan(0);
  });
});

describe('closing the window, with no extra code', () => {
  it('quits as Godot does, and the autoload sends what is left on the way out', async () => {
    server = await startFaultServerProcess({ kind: 'status', status: 204 });
    const { tree } = freshScene();
    const tracker = new GameTrackerNode();
    tree.root.add_child(asDoubleNode(tracker));
    const game = new GameTally(tracker);
    game.gd('init', fromGDScript({ endpoint: server.baseUrl }));
    game.log('log_warn', 'window closed');
    tree.close_window();
    tree.step();
    expect(tree.double_ended).toBe(true);
    expect(receivedLines(await server.accepted())).toEqual(game.lines);
  });
});

describe('after the last send', () => {
  it('counts a line another autoload logs in its own _exit_tree (it leaves the tree later) as dropped', async () => {
    server = await startFaultServerProcess({ kind: 'status', status: 204 });
    const { tree } = freshScene();
    const tracker = new GameTrackerNode();
    const game = new GameTally(tracker);
    class EarlierAutoload extends Node {
      override _exit_tree(): void {
        game.log('log_info', 'saved settings');
      }
    }
    tree.root.add_child(new EarlierAutoload());
    tree.root.add_child(asDoubleNode(tracker));
    game.gd('init', fromGDScript({ endpoint: server.baseUrl }));
    tree.quit();
    tree.step();
    expect(engine.warnings).toEqual(['[GameTracker] called after shutdown; dropped']);
    expect(statsOf(game).logs).toMatchObject({ produced: 1, pending: 0, dropped: { shutdown: 1 } });
  });
});

describe('the blocking send at quit over HTTPS', () => {
  const fixture = (name: string): string => readFileSync(new URL(`../support-selftest/fixtures/${name}`, import.meta.url), 'utf8');
  const tls = { key: fixture('self_signed_key.pem'), cert: fixture('self_signed_cert.pem') };

  /** init, one line, quit: everything goes out through the blocking path only. */
  function logAndQuit(endpoint: string, trusted: string[] = []): GameTally {
    const { tree } = freshScene();
    engine.tlsCertificates = trusted;
    const tracker = new GameTrackerNode();
    tree.root.add_child(asDoubleNode(tracker));
    const game = new GameTally(tracker);
    game.gd('init', fromGDScript({ endpoint, headers: { Authorization: 'Bearer game-token' } }));
    game.log('log_info', 'over TLS');
    tree.quit();
    tree.step();
    return game;
  }

  it('verifies the receiver against the project CA bundle and sends the custom headers', async () => {
    server = await startFaultServerProcess({ kind: 'status', status: 204 }, { tls });
    const game = logAndQuit(server.baseUrl, [tls.cert]);
    const [body] = (await server.accepted()).filter((a) => a.path === PATHS.logs);
    expect(receivedLines(body === undefined ? [] : [body])).toEqual(game.lines);
    expect(body?.headers['authorization']).toBe('Bearer game-token');
    expect(HTTPClient.double_log.at(-1)).toMatchObject({ host: '127.0.0.1', tls: true });
  });

  it('sends nothing to a receiver whose certificate it cannot verify', async () => {
    server = await startFaultServerProcess({ kind: 'status', status: 204 }, { tls });
    const game = logAndQuit(server.baseUrl);
    expect(await server.accepted()).toEqual([]);
    expect(statsOf(game).logs.dropped['send_failed']).toBe(1);
    expect(engine.warnings.join('\n')).toContain('TLS_HANDSHAKE_ERROR');
  });
});
