/**
 * Span objects GDScript is done with stand for later spans (godot/span_pool.ts): in a real engine a new
 * script object is the most expensive part of a frame's first span. The double counts Godot references
 * as GodotJS does: GDScript holds what it calls a method on, its arguments during the call, what a
 * variable keeps (`holdInGDScript`) and what a Dictionary holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { nativeCalls } from '../godot_double/native_calls';
import { holdInGDScript } from '../godot_double/objects_base';
import { decodeOtlpTracesJson } from '../support/oracles';
import { PATHS, startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFramesUntil } from './support/frames';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

const spans = (s: AutoloadScene) =>
  s.bodies(PATHS.traces).flatMap((body) => decodeOtlpTracesJson(String(body)).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((sc) => sc.spans)));

/** `GameTracker.start_span(...)` from GDScript. */
const startSpan = (s: AutoloadScene, ...args: unknown[]) => s.gd('start_span', ...args) as GameTrackerSpan;
const end = (span: GameTrackerSpan) => callFromGDScript(span, 'end');

async function sentSpans(s: AutoloadScene, count: number) {
  s.gd('flush');
  await runFramesUntil(s.tree, () => spans(s).length >= count);
  return spans(s);
}

describe('span objects GDScript is done with are reused', () => {
  it('stands for the next span once the core has its end: no new object, and each span is sent whole and apart', async () => {
    const s = (scene = await startAutoload());
    const first = startSpan(s, 'first', fromGDScript({ kind: 'a' }));
    end(first);
    // The end reaches the core at the end of the frame; only then may the object stand for another span.
    expect(startSpan(s, 'same frame')).not.toBe(first);
    s.tree.step();
    const crossingsBefore = nativeCalls.count;
    const second = startSpan(s, 'second');
    expect(second).toBe(first);
    // GDScript's call, one reference count, the clock and (first call of the frame) the hand-over's
    // call_deferred: no object made.
    expect(nativeCalls.count - crossingsBefore).toBe(4);
    callFromGDScript(second, 'set_attribute', 'wave', 3);
    end(second);
    const sent = await sentSpans(s, 2);
    const [a, b] = ['first', 'second'].map((name) => sent.find((span) => span.name === name));
    expect(a?.spanId).not.toBe(b?.spanId);
    expect(a?.traceId).not.toBe(b?.traceId);
    expect(a?.attributes.map((kv) => kv.key)).toContain('kind');
    expect(a?.attributes.map((kv) => kv.key)).not.toContain('wave');
    expect(b?.attributes.map((kv) => kv.key)).toContain('wave');
    expect(b?.attributes.map((kv) => kv.key)).not.toContain('kind');
    expect(callFromGDScript(second, 'span_id')).toBe(b?.spanId);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('never reuses a span TypeScript ended: TypeScript may keep it, and Godot does not count its references', async () => {
    const s = (scene = await startAutoload());
    const fromTs = s.tracker.start_span('from TypeScript');
    fromTs.end();
    s.tree.step();
    expect(startSpan(s, 'next')).not.toBe(fromTs);
    expect(s.tracker.start_span('next from TypeScript')).not.toBe(fromTs);
    const sent = await sentSpans(s, 1);
    expect(callFromGDScript(fromTs, 'span_id')).toBe(sent.find((span) => span.name === 'from TypeScript')?.spanId);
  });

  it('never reuses a span that TypeScript also ended, whichever ended it first', async () => {
    const s = (scene = await startAutoload());
    const gdscriptFirst = startSpan(s, 'GDScript, then TypeScript');
    end(gdscriptFirst);
    gdscriptFirst.end();
    const typescriptFirst = startSpan(s, 'TypeScript, then GDScript');
    typescriptFirst.end();
    end(typescriptFirst);
    s.tree.step();
    const next = [startSpan(s, 'next 1'), startSpan(s, 'next 2'), startSpan(s, 'next 3')];
    expect(next).not.toContain(gdscriptFirst);
    expect(next).not.toContain(typescriptFirst);
  });

  it('keeps out a span a GDScript variable still holds, and takes it once the variable lets go', async () => {
    const s = (scene = await startAutoload());
    const kept = startSpan(s, 'kept');
    const release = holdInGDScript(kept);
    end(kept);
    s.tree.step();
    const other = startSpan(s, 'other');
    expect(other).not.toBe(kept);
    expect(callFromGDScript(kept, 'is_recording')).toBe(false);
    release();
    expect(startSpan(s, 'after')).toBe(kept);
  });

  it('keeps out a span a Dictionary in a recorded call holds (Godot counts the copy)', async () => {
    const s = (scene = await startAutoload());
    const linked = startSpan(s, 'linked');
    end(linked);
    s.gd('log_info', 'during', fromGDScript({ span: linked }));
    s.tree.step();
    expect(startSpan(s, 'next')).not.toBe(linked);
  });

  it('links a child started with a reused parent to the parent it had when the child started', async () => {
    const s = (scene = await startAutoload());
    const parent = startSpan(s, 'parent');
    const child = startSpan(s, 'child', fromGDScript({}), parent);
    end(child);
    end(parent);
    s.tree.step();
    // Both are free now; the next spans reuse them, in a frame where their earlier calls are long taken in.
    const again = [startSpan(s, 'again 1'), startSpan(s, 'again 2')];
    expect(again).toContain(parent);
    expect(again).toContain(child);
    for (const span of again) end(span);
    const sent = await sentSpans(s, 4);
    const byName = (name: string) => sent.find((span) => span.name === name);
    expect(byName('child')?.parentSpanId).toBe(byName('parent')?.spanId);
    expect(byName('again 1')?.parentSpanId ?? '').toBe('');
    expect(byName('again 2')?.parentSpanId ?? '').toBe('');
  });

  it('a GDScript span ended twice is offered once: two later spans never share an object', async () => {
    const s = (scene = await startAutoload());
    const twice = startSpan(s, 'twice');
    end(twice);
    end(twice);
    s.tree.step();
    const [a, b] = [startSpan(s, 'a'), startSpan(s, 'b')];
    expect(a).not.toBe(b);
  });
});
