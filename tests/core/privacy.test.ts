/**
 * Consent, opt-out and what identifies a player (issue #20), in the core with a fake clock and HTTP
 * port: nothing is requested before consent, what was held goes out on a grant, a refusal or a
 * withdrawal discards it with its own drop reason, and every count adds up.
 */
import { describe, expect, it } from 'vitest';
import type { SignalStats } from '../../addons/game_tracker/core/api';
import { FILTER_FAILURES_ALLOWED, FILTER_STALL_MS } from '../../addons/game_tracker/core/privacy/event_filter';
import { DROP_REASONS, SIGNALS } from '../../addons/game_tracker/core/types';
import { bodyText } from '../fakes/fake_http';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';

function recordOneOfEach(h: Harness, tag: string): void {
  h.tracker.log_info(`line ${tag}`, { k: tag });
  h.tracker.increment('kills', { weapon: tag });
  h.tracker.start_span(`span ${tag}`).end();
}

function balanced(stats: SignalStats): boolean {
  const dropped = DROP_REASONS.reduce((sum, reason) => sum + stats.dropped[reason], 0);
  return stats.produced === stats.sent + stats.pending + dropped;
}

function everyRequest(h: Harness): number {
  return h.http.requests.length + h.blocking.requests.length;
}

describe('consent', () => {
  it('holds everything while pending: no request at all, not at flush, not at quit; what was held is counted no_consent', () => {
    const h = createHarness({ require_consent: true, flush_interval_ms: 100 });
    for (let i = 0; i < 5; i++) recordOneOfEach(h, String(i));
    h.tracker.flush();
    h.frames(100);
    expect(h.tracker.stats().consent).toBe('pending');
    expect(h.tracker.stats().logs).toMatchObject({ produced: 5, pending: 5 });
    h.tracker.exit();
    expect(everyRequest(h)).toBe(0);
    const stats = h.tracker.stats();
    for (const signal of SIGNALS) {
      expect(stats[signal].dropped.no_consent, signal).toBe(5);
      expect(stats[signal].pending, signal).toBe(0);
      expect(balanced(stats[signal]), signal).toBe(true);
    }
  });

  it('holds what came before init too, and shutdown without consent sends nothing', () => {
    const h = createHarness({}, false);
    recordOneOfEach(h, 'early');
    h.tracker.init({ endpoint: 'http://127.0.0.1:9', require_consent: true });
    h.frames(400);
    let done = false;
    h.tracker.shutdown(1000, () => (done = true));
    expect(done).toBe(true);
    expect(everyRequest(h)).toBe(0);
    expect(h.tracker.stats().logs.dropped.no_consent).toBe(1);
  });

  it('sends what was held on a grant, in order and with the times it was recorded', () => {
    const h = createHarness({ require_consent: true, flush_interval_ms: 100 });
    const recordedAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      recordedAt.push(h.clock.unixMs());
      h.tracker.log_info(`held ${i}`);
      h.frames(10);
    }
    h.frames(50);
    expect(everyRequest(h)).toBe(0);
    h.tracker.set_consent(true);
    h.frames(10);
    const logs = h.http.ofChannel('logs');
    expect(logs).toHaveLength(1);
    const values = (JSON.parse(bodyText(logs[0]!)) as { streams: { values: [string, string][] }[] }).streams.flatMap((s) => s.values);
    expect(values.map(([, line]) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['held 0', 'held 1', 'held 2']);
    // No receiver Date header yet: the device's own times, in nanoseconds.
    expect(values.map(([ns]) => Math.round(Number(BigInt(ns) / 1_000_000n)))).toEqual(recordedAt);
    expect(h.tracker.stats().consent).toBe('granted');
  });

  it('starts at once with a saved grant, and a saved refusal drops everything (before init too)', () => {
    const granted = createHarness({ require_consent: true, consent: true, flush_interval_ms: 100 });
    granted.tracker.log_info('x');
    granted.frames(10);
    expect(granted.http.ofChannel('logs')).toHaveLength(1);

    const refused = createHarness({}, false);
    refused.tracker.log_info('before init');
    refused.tracker.init({ endpoint: 'http://127.0.0.1:9', require_consent: true, consent: false });
    recordOneOfEach(refused, 'after');
    refused.frames(400);
    refused.tracker.exit();
    expect(everyRequest(refused)).toBe(0);
    const stats = refused.tracker.stats();
    expect(stats.consent).toBe('denied');
    expect(stats.logs.dropped.no_consent).toBe(2);
    expect(stats.metrics.dropped.no_consent).toBe(1);
    expect(stats.traces.dropped.no_consent).toBe(1);
  });

  it('a withdrawal stops sending at once, discards the queue (counted), and a later grant starts a new session', () => {
    const h = createHarness({ flush_interval_ms: 100, batch_size: 100 });
    h.tracker.set_user({ id: 'p1', name: 'Ada' });
    h.tracker.log_info('sent before');
    h.frames(10);
    h.http.respondAll();
    const before = h.tracker.stats();
    expect(before.consent).toBe('not_required');
    const open = h.tracker.start_span('open across the withdrawal');
    h.tracker.log_info('queued, then discarded');
    h.tracker.increment('kills');
    const requestsAtWithdrawal = h.http.requests.length;
    h.tracker.set_consent(false);
    recordOneOfEach(h, 'while denied');
    open.end();
    h.tracker.flush();
    h.frames(100);
    h.tracker.exit();
    expect(h.http.requests.length).toBe(requestsAtWithdrawal);
    expect(h.blocking.requests).toHaveLength(0);
    const denied = h.tracker.stats();
    expect(denied.consent).toBe('denied');
    expect(denied.session_id).not.toBe(before.session_id);
    expect(denied.logs).toMatchObject({ produced: 3, sent: 1, pending: 0 });
    expect(denied.logs.dropped.no_consent).toBe(2);
    expect(denied.metrics.dropped.no_consent).toBe(2);
    expect(denied.traces.dropped.no_consent).toBe(2);
    for (const signal of SIGNALS) expect(balanced(denied[signal]), signal).toBe(true);
  });

  it('a grant after a withdrawal sends under the new session id, without the old user', () => {
    const h = createHarness({ flush_interval_ms: 100 });
    h.tracker.set_user('p1');
    const first = h.tracker.stats().session_id;
    h.tracker.set_consent(false);
    h.tracker.set_consent(true);
    h.tracker.log_info('again');
    h.frames(10);
    const body = bodyText(h.http.ofChannel('logs')[0]!);
    expect(body).toContain(h.tracker.stats().session_id);
    expect(body).not.toContain(first);
    expect(body).not.toContain('"user_id"');
  });

  it('keeps the books exact when a request is in flight at the withdrawal', () => {
    const h = createHarness({ flush_interval_ms: 100 });
    h.tracker.log_info('in flight');
    h.frames(10);
    expect(h.tracker.stats().logs.pending).toBe(1);
    h.tracker.set_consent(false);
    expect(h.tracker.stats().logs).toMatchObject({ produced: 1, pending: 1 });
    h.http.respondAll();
    expect(h.tracker.stats().logs).toMatchObject({ produced: 1, sent: 1, pending: 0 });
    expect(h.tracker.stats().logs).toMatchObject({ produced: 1, sent: 1, pending: 0 });
  });

  it('ignores an answer that is not true or false, with a warning', () => {
    const h = createHarness({ require_consent: true });
    h.tracker.set_consent('yes');
    expect(h.tracker.stats().consent).toBe('pending');
    expect(h.warnings.join('\n')).toContain('set_consent expects true or false');
  });
});

describe('what identifies a player', () => {
  it('device_context: false and user_id_only leave those fields out of logs and spans, early records included', () => {
    const h = createHarness({}, false);
    h.tracker.set_user({ id: 'p1', name: 'Ada', email: 'ada@example.com' });
    h.tracker.log_info('early');
    h.tracker.start_span('early span').end();
    h.tracker.init({ endpoint: 'http://127.0.0.1:9', device_context: false, user_id_only: true, flush_interval_ms: 100 });
    h.tracker.set_user({ id: 'p2', name: 'Bob' });
    h.tracker.log_info('late');
    h.tracker.start_span('late span').end();
    h.tracker.flush();
    h.frames(10);
    const everything = h.http.requests.map(bodyText).join('\n');
    for (const leak of ['Linux', '4.6.1', 'Ada', 'Bob', 'ada@example.com', 'os_name', 'user_name', 'user.name', 'user.email']) expect(everything, leak).not.toContain(leak);
    expect(everything).toContain('p1');
    expect(everything).toContain('p2');
  });

  it('device_context as a list keeps exactly those fields', () => {
    const h = createHarness({ device_context: ['godot_version'], flush_interval_ms: 100 });
    h.tracker.log_info('x');
    h.frames(10);
    const body = bodyText(h.http.ofChannel('logs')[0]!);
    expect(body).toContain('"godot_version":"4.6.1"');
    expect(body).not.toContain('Linux');
  });
});

describe('before_send', () => {
  it('edits and drops events of every signal; drops are counted as filtered', () => {
    const seen: string[] = [];
    const h = createHarness({
      flush_interval_ms: 100,
      before_send: (event: Record<string, unknown>) => {
        seen.push(String(event['signal']));
        if (event['signal'] === 'log') return event['message'] === 'secret' ? null : { ...event, message: 'scrubbed', data: { kept: 1 } };
        if (event['signal'] === 'metric') return { ...event, labels: { weapon: 'any' } };
        const { email: _email, ...rest } = event['attributes'] as Record<string, unknown>;
        return { ...event, attributes: { ...rest, added: true } };
      },
    });
    h.tracker.log_info('hello', { email: 'ada@example.com' });
    h.tracker.log_info('secret');
    h.tracker.increment('kills', { weapon: 'sword' });
    h.tracker.start_span('s', { email: 'ada@example.com' }).end();
    h.tracker.flush();
    h.frames(10);
    const everything = h.http.requests.map(bodyText).join('\n');
    expect(seen.sort()).toEqual(['log', 'log', 'metric', 'span']);
    expect(everything).not.toContain('ada@example.com');
    expect(everything).toContain('scrubbed');
    expect(everything).toContain('"added"');
    expect(h.tracker.stats().logs.dropped.filtered).toBe(1);
  });

  it('a throwing filter drops the event (filter_failed); past the bound it is switched off with one warning and fails closed', () => {
    const h = createHarness({
      flush_interval_ms: 100,
      before_send: () => {
        throw new Error('boom');
      },
    });
    for (let i = 0; i < FILTER_FAILURES_ALLOWED + 10; i++) h.tracker.log_info(`line ${i}`);
    h.frames(10);
    expect(h.http.ofChannel('logs')).toHaveLength(0);
    expect(h.tracker.stats().logs.dropped.filter_failed).toBe(FILTER_FAILURES_ALLOWED + 10);
    expect(h.warnings.filter((w) => w.includes('switched off'))).toHaveLength(1);
  });

  it('a filter that stalls is switched off after the bound, and never stalls the game again', () => {
    let calls = 0;
    const h = createHarness({
      flush_interval_ms: 100,
      before_send: (event: Record<string, unknown>) => {
        calls++;
        h.clock.advance(FILTER_STALL_MS * 10);
        return event;
      },
    });
    for (let i = 0; i < 20; i++) h.tracker.log_info(`line ${i}`);
    expect(calls).toBe(FILTER_FAILURES_ALLOWED);
    expect(h.tracker.stats().logs.dropped.filter_failed).toBe(20);
    expect(h.warnings.join('\n')).toMatch(/took \d+\.\d ms/);
  });

  it('costs nothing when not set: the event objects are never built', () => {
    const h = createHarness({ flush_interval_ms: 100 });
    h.tracker.log_info('plain');
    h.frames(10);
    expect(h.http.ofChannel('logs')).toHaveLength(1);
  });
});
