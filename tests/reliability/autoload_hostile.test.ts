/**
 * Hostile input through the GameTracker autoload, called the way GDScript calls it (through the Godot
 * double): only Variants can arrive, but any Variant at all, in any argument. Nothing may reach
 * GDScript as an error, the books must balance in `stats()`, and what reaches the receiver must be sane.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { PATHS } from '../../addons/game_tracker/core/config';
import type { HttpRequest } from '../../addons/game_tracker/core/ports';
import type { Signal } from '../../addons/game_tracker/core/types';
import { SIGNALS } from '../../addons/game_tracker/core/types';
import { GDictionary } from '../godot_double/containers';
import type { GArray } from '../godot_double/containers';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { Node } from '../godot_double/node';
import { Callable, Color, NodePath, PackedByteArray, PackedStringArray, Vector2, Vector3 } from '../godot_double/variants';
import { startAutoload } from '../addon/support/autoload';
import type { AutoloadScene } from '../addon/support/autoload';
import { runFramesUntil } from '../addon/support/frames';
import { asDoubleNode, freshScene } from '../addon/support/scene';
import { MEGABYTE_STRING, RESERVED_OR_ODD_NAMES } from './hostile_values';
import { expectSaneRequest } from './wire_sanity';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});

function wideDictionary(): GDictionary {
  const d = new GDictionary();
  for (let i = 0; i < 10_000; i++) d.set(`key_${i}`, i);
  return d;
}

function deepDictionary(depth: number): GDictionary {
  let d = fromGDScript({ bottom: true });
  for (let i = 0; i < depth; i++) {
    const outer = new GDictionary();
    outer.set('inner', d);
    d = outer;
  }
  return d;
}

/** A Dictionary that contains itself; GodotJS hands out a new wrapper per read, so identity cannot see the cycle. */
function selfDictionary(): GDictionary {
  const d = fromGDScript({ name: 'loop' });
  d.set('self', d);
  return d;
}

function selfArray(): GArray {
  const a = fromGDScript([1, 2]);
  a.push_back(a);
  return a;
}

function freedNode(): Node {
  const node = new Node();
  node.free();
  return node;
}

/** Variants GDScript can pass, the hostile ones named. Built lazily: each run gets fresh containers. */
const NAMED_VARIANTS: (() => unknown)[] = [
  () => null,
  () => true,
  () => 0,
  () => -0,
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => 2n ** 62n,
  () => -(2n ** 63n),
  () => 1.5,
  () => '',
  () => MEGABYTE_STRING,
  () => '名前🎮',
  ...RESERVED_OR_ODD_NAMES.map((name) => () => name),
  wideDictionary,
  () => deepDictionary(40),
  selfDictionary,
  selfArray,
  () => fromGDScript({ cause: 'lava', level: 3 }),
  () => fromGDScript({ __name__: 'x', le: '5', session_id: 'forged', 'a-b': 1, a_b: 2 }),
  () => fromGDScript([1, 'two', fromGDScript({ three: 3 })]),
  () => new PackedByteArray(new ArrayBuffer(1024 * 1024)),
  () => new PackedStringArray(['a', 'b']),
  () => new Vector2(NaN, Infinity),
  () => new Vector3(1, 2, 3),
  () => new Color(1, 0, 0, 1),
  () => new NodePath('/root/Main:position'),
  () => new Node(),
  freedNode,
  () => Callable.create(() => 1),
  () => new GameTrackerSpan(),
];

const variant: fc.Arbitrary<() => unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMED_VARIANTS) },
  { weight: 1, arbitrary: fc.double().map((d) => () => d) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => () => b) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => () => s) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.double())).map((o) => () => fromGDScript(o)),
  },
);

const METHODS = ['log_debug', 'log_info', 'log_warn', 'log_error', 'increment', 'gauge', 'histogram', 'start_span', 'set_user', 'set_context', 'set_tag', 'stats', 'init'] as const;
const SPAN_METHODS = ['end', 'set_attribute', 'add_event', 'set_error', 'is_recording', 'trace_id', 'span_id'] as const;

type Call =
  | { readonly on: 'tracker'; readonly method: (typeof METHODS)[number]; readonly args: (() => unknown)[] }
  | { readonly on: 'span'; readonly index: number; readonly method: (typeof SPAN_METHODS)[number]; readonly args: (() => unknown)[] }
  | { readonly on: 'parent'; readonly index: number; readonly name: () => unknown };

const CALL: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ on: fc.constant('tracker' as const), method: fc.constantFrom(...METHODS), args: fc.array(variant, { maxLength: 3 }) }),
  fc.record({ on: fc.constant('span' as const), index: fc.nat(), method: fc.constantFrom(...SPAN_METHODS), args: fc.array(variant, { maxLength: 2 }) }),
  fc.record({ on: fc.constant('parent' as const), index: fc.nat(), name: variant }),
);

const signalOf = (path: string): Signal => (Object.entries(PATHS).find(([, p]) => p === path)?.[0] ?? 'logs') as Signal;

function statsOf(s: AutoloadScene): Record<Signal, { produced: number; sent: number; pending: number; dropped: Record<string, number> }> {
  const stats = s.gd('stats') as GDictionary;
  const out = {} as Record<Signal, { produced: number; sent: number; pending: number; dropped: Record<string, number> }>;
  for (const signal of SIGNALS) {
    const d = stats.get(signal) as GDictionary;
    const dropped = d.get('dropped') as GDictionary;
    out[signal] = {
      produced: d.get('produced') as number,
      sent: d.get('sent') as number,
      pending: d.get('pending') as number,
      dropped: Object.fromEntries([...dropped].map(({ key, value }) => [String(key), value as number])),
    };
  }
  return out;
}

function expectBalanced(s: AutoloadScene): void {
  for (const [signal, st] of Object.entries(statsOf(s))) {
    const dropped = Object.values(st.dropped).reduce((a, b) => a + b, 0);
    expect(st.produced, signal).toBe(st.sent + st.pending + dropped);
  }
}

describe('hostile input through the autoload (Godot double)', () => {
  it('any Variant in any argument: no script error, books exact, sane on the wire (property-based)', async () => {
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(CALL, { minLength: 1, maxLength: 25 }), async (calls) => {
        const s = (scene = await startAutoload({ flush_interval_ms: 100, request_timeout_ms: 2000 }));
        try {
          const spans: GameTrackerSpan[] = [];
          for (const call of calls) {
            if (call.on === 'tracker') {
              const result = s.gd(call.method, ...call.args.map((make) => make()));
              if (result instanceof GameTrackerSpan) spans.push(result);
            } else if (call.on === 'span') {
              const span = spans[call.index % Math.max(1, spans.length)];
              if (span !== undefined) callFromGDScript(span, call.method, ...call.args.map((make) => make()));
            } else {
              const parent = spans[call.index % Math.max(1, spans.length)];
              spans.push(s.gd('start_span', call.name(), new GDictionary(), parent ?? null) as GameTrackerSpan);
            }
          }
          expect(engine.scriptErrors).toEqual([]);
          expectBalanced(s);
          s.gd('flush');
          await runFramesUntil(s.tree, () => SIGNALS.every((signal) => statsOf(s)[signal].pending === 0), { advanceMsPerFrame: 50, timeoutMs: 10_000 });
          expectBalanced(s);
          delivered += s.server.accepted.length;
          for (const accepted of s.server.accepted) {
            const channel = signalOf(accepted.path);
            const body = channel === 'metrics' ? new Uint8Array(accepted.body) : accepted.body.toString('utf8');
            expectSaneRequest({ channel, url: accepted.path, headers: {}, body, timeoutMs: 0 } satisfies HttpRequest);
          }
          expect(engine.warnings.length).toBeLessThanOrEqual(110);
          expect(engine.scriptErrors).toEqual([]);
        } finally {
          await s.server.stop();
        }
      }),
      { numRuns: Number(process.env.GT_FC_RUNS_AUTOLOAD ?? 40) },
    );
    // The runs did reach the receiver (the property is not passing vacuously).
    expect(delivered).toBeGreaterThan(10);
  }, 120_000);

  it('calls before init are kept without a warning; init twice keeps the first', async () => {
    const { tree } = freshScene();
    const node = new GameTrackerNode();
    tree.root.add_child(asDoubleNode(node));
    for (let i = 0; i < 50; i++) {
      callFromGDScript(node, 'log_info', 'early', fromGDScript({ i }));
      callFromGDScript(node, 'increment', 'early');
      callFromGDScript(callFromGDScript(node, 'start_span', 'early') as object, 'end');
    }
    const stats = callFromGDScript(node, 'stats') as GDictionary;
    for (const signal of SIGNALS) expect((stats.get(signal) as GDictionary).get('pending')).toBe(50);
    expect(engine.warnings).toEqual([]);
    callFromGDScript(node, 'init', fromGDScript({ endpoint: 'http://127.0.0.1:9', game: 'first' }));
    callFromGDScript(node, 'init', fromGDScript({ endpoint: 'http://127.0.0.1:9', game: 'second' }));
    expect(engine.warnings.filter((w) => w.includes('init called again'))).toHaveLength(1);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('calls after shutdown are dropped as shutdown with one warning', async () => {
    const s = (scene = await startAutoload());
    s.gd('shutdown', 0);
    for (let i = 0; i < 50; i++) {
      s.gd('log_error', 'late');
      s.gd('gauge', 'late', 1);
      callFromGDScript(s.gd('start_span', 'late') as object, 'end');
    }
    const stats = statsOf(s);
    for (const signal of SIGNALS) expect(stats[signal].dropped['shutdown']).toBe(50);
    expect(engine.warnings.filter((w) => w.includes('after shutdown'))).toHaveLength(1);
    expect(engine.scriptErrors).toEqual([]);
  });

  it('a log line repeated every frame from GDScript is throttled and summarised', async () => {
    const s = (scene = await startAutoload({ log_repeat_limit: 10, log_repeat_window_ms: 1000, flush_interval_ms: 100 }));
    for (let frame = 0; frame < 120; frame++) s.gd('log_warn', 'enemy stuck', fromGDScript({ frame }));
    await runFramesUntil(s.tree, () => statsOf(s).logs.dropped['throttled']! > 0 && s.bodies(PATHS.logs).some((b) => String(b).includes('suppressed_repeats')), {
      advanceMsPerFrame: 100,
    });
    expect(statsOf(s).logs.dropped['throttled']).toBe(110);
    expect(engine.scriptErrors).toEqual([]);
  });
});
