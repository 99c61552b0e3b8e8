/**
 * The GDScript-facing path, without an engine: the GameTracker autoload in the Godot double's scene
 * tree, called the way GodotJS delivers a GDScript call (callFromGDScript: a script method, Variant
 * arguments, GDictionary literals), on V8 and inside QuickJS-NG. "godot" is the double
 * (bench/godot/bench_godot.ts), whose native_calls counter reports how often the path crosses into
 * the engine: each crossing costs ~0.5 µs in a real GodotJS build on QuickJS-NG (godotjs-facts §17),
 * which the double's plain-JS methods cannot show in a time.
 */
import GameTrackerNode from '../../addons/game_tracker/game_tracker';
import { monotonicTimer } from '../../addons/game_tracker/godot/godot_clock';
import type { GDictionary } from '../../tests/godot_double/containers';
import { clearDeferred } from '../../tests/godot_double/deferred';
import { resetEngine } from '../../tests/godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../../tests/godot_double/gdscript';
import { nativeCalls } from '../../tests/godot_double/native_calls';
import { Node, SceneTree } from '../../tests/godot_double/node';
import { RefCounted } from '../../tests/godot_double/objects_base';
import type { CallCase } from './measure';

export interface AutoloadScene {
  readonly tree: SceneTree;
  readonly node: GameTrackerNode;
  /** `GameTracker.<method>(...)` from GDScript. */
  gd(method: string, ...args: unknown[]): unknown;
}

/** Settings of a game that sends in batches; the repeat throttle off so that every call does the full work. */
export const BENCH_INIT = { endpoint: 'http://127.0.0.1:9', game: 'bench_game', version: '1.2.3', environment: 'bench', log_repeat_limit: 0 };

/** A fresh engine, a scene tree and the autoload in it, initialised from GDScript. */
export function autoloadScene(options: Record<string, unknown> = {}): AutoloadScene {
  resetEngine();
  clearDeferred();
  const tree = new SceneTree();
  const node = new GameTrackerNode();
  const asNode = node as unknown as Node;
  asNode.set_name('GameTracker');
  tree.root.add_child(asNode);
  const gd = (method: string, ...args: unknown[]): unknown => callFromGDScript(node, method, ...args);
  gd('init', fromGDScript({ ...BENCH_INIT, ...options }));
  return { tree, node, gd };
}

/** Script classes with empty methods: what any GodotJS addon pays for being called (the floors of issue #12). */
class EmptySpan extends RefCounted {
  end(): void {}
}
class EmptyScript extends Node {
  noop(_msg?: unknown, _data?: unknown): void {}
  make_span(_name?: unknown, _attrs?: unknown): EmptySpan {
    return new EmptySpan();
  }
}

/** The engine floors of issue #12 (measured in a real GodotJS on QuickJS-NG), µs, and their crossings. */
export const ENGINE_FLOORS = {
  call: { us: 0.54, crossings: 1 },
  span: { us: 3.7, crossings: 3 },
} as const;

type Dict = GDictionary;

/** One API call as GDScript makes it. */
export interface AutoloadCallSpec {
  readonly name: string;
  /** Measured in a real engine for issue #12 (before), µs per call; context. */
  readonly engineBeforeUs?: number;
  /** The goal in the engine (QuickJS-NG), µs per call. */
  readonly targetUs?: number;
  /** Which engine floor the call stands on. */
  readonly floor?: keyof typeof ENGINE_FLOORS;
  /** Clock reads among its crossings (on QuickJS-NG builds they are performance.now(), not crossings). */
  readonly clockReads?: number;
  /** The call as GDScript makes it (through the double's GDScript boundary). */
  readonly make: (scene: AutoloadScene) => () => void;
  /**
   * For the estimate of our own JS: the autoload's method called directly, and the same native calls
   * (the double's methods) with no code of ours; the difference is the JS that runs inside the call.
   */
  readonly direct?: (scene: AutoloadScene) => () => void;
  readonly nativeOnly?: (record: Dict) => () => void;
}

const COPY = (data: Dict) => () => void data.duplicate(true);
/**
 * For the estimate of our own JS only: a Dictionary whose `duplicate` hands back a copy made once. The
 * double copies in plain JS (~2 µs on native QuickJS, noisy), where the engine makes one native call
 * that the estimate charges separately; with the double's copy in both terms of the difference, its
 * noise would swamp the ~0.5 µs being measured.
 */
function withFreeCopy(dict: Dict): Dict {
  const copy = dict.duplicate(true);
  Object.defineProperty(dict, 'duplicate', { value: () => copy });
  return dict;
}

/** The clock read is the autoload's own timer (performance.now() in a QuickJS-NG engine, Time's ticks in the double). */
const COPY_AND_CLOCK = (data: Dict) => () => {
  data.duplicate(true);
  monotonicTimer.now();
};

/**
 * A log or metric call from GDScript (target ≤ 2 µs on the TS-method floor); the record argument is a
 * Dictionary literal. `direct` is the same call written out in JS: a generic `apply` would add its own
 * cost to what the estimate counts as ours, where the engine's floor already covers the call itself.
 */
function gdCall(
  spec: Omit<AutoloadCallSpec, 'make' | 'direct'>,
  direct: (node: GameTrackerNode, dict: Dict) => () => void,
  method: string,
  ...args: unknown[]
): AutoloadCallSpec {
  const values = (): unknown[] => args.map((a) => (typeof a === 'object' && a !== null ? fromGDScript(a as Record<string, unknown>) : a));
  return {
    targetUs: 2,
    floor: 'call',
    ...spec,
    make: (s) => {
      const v = values();
      return () => void s.gd(method, ...v);
    },
    direct: (s) => {
      const dict = values().find((v): v is Dict => typeof v === 'object') as Dict;
      return direct(s.node, withFreeCopy(dict));
    },
  };
}

export const AUTOLOAD_CALLS: readonly AutoloadCallSpec[] = [
  {
    name: 'floor: empty TS method (String, 1-key Dictionary)',
    engineBeforeUs: 0.54,
    make: () => {
      const floor = new EmptyScript();
      const data = fromGDScript({ player_id: '123' });
      return () => void callFromGDScript(floor, 'noop', 'Player joined', data);
    },
  },
  {
    name: 'floor: new script RefCounted + its empty end()',
    engineBeforeUs: 3.7,
    make: () => {
      const floor = new EmptyScript();
      return () => void callFromGDScript(callFromGDScript(floor, 'make_span', 'level_load') as EmptySpan, 'end');
    },
  },
  gdCall({ name: 'log_info("Player joined", {"player_id": "123"})', clockReads: 1, nativeOnly: COPY_AND_CLOCK, engineBeforeUs: 6.1 }, (n, d) => () => n.log_info('Player joined', d), 'log_info', 'Player joined', { player_id: '123' }),
  gdCall({ name: 'increment("enemies_killed", {"level": "forest"})', nativeOnly: COPY, engineBeforeUs: 6.1 }, (n, d) => () => n.increment('enemies_killed', d), 'increment', 'enemies_killed', { level: 'forest' }),
  gdCall({ name: 'gauge("player_health", 85, {"player_id": "123"})', nativeOnly: COPY, engineBeforeUs: 6.1 }, (n, d) => () => n.gauge('player_health', 85, d), 'gauge', 'player_health', 85, { player_id: '123' }),
  gdCall({ name: 'histogram("load_time_ms", 1250, {"scene": "level_3"})', nativeOnly: COPY, engineBeforeUs: 6.4 }, (n, d) => () => n.histogram('load_time_ms', 1250, d), 'histogram', 'load_time_ms', 1250, { scene: 'level_3' }),
  {
    name: 'start_span("level_load", {"level": "forest"}) + end()',
    targetUs: 6,
    floor: 'span',
    clockReads: 2,
    engineBeforeUs: 18.7,
    make: (s) => {
      const attrs = fromGDScript({ level: 'forest' });
      return () => void callFromGDScript(s.gd('start_span', 'level_load', attrs) as object, 'end');
    },
    direct: (s) => {
      const attrs = withFreeCopy(fromGDScript({ level: 'forest' }));
      return () => s.node.start_span('level_load', attrs).end();
    },
    // The span object (the double's constructor), the copy, a clock read at the start and one at the end.
    nativeOnly: (attrs) => () => {
      attrs.duplicate(true);
      monotonicTimer.now();
      void new EmptySpan();
      monotonicTimer.now();
    },
  },
  // Switched off (issue #20): each call should cost what an empty method costs, from GDScript and from TS.
  {
    name: 'switched off: log_info from GDScript (the floor: an empty TS method)',
    floor: 'call',
    make: () => {
      const off = autoloadScene({ enabled: false });
      const data = fromGDScript({ player_id: '123' });
      return () => void off.gd('log_info', 'Player joined', data);
    },
  },
  {
    name: 'switched off: start_span + end from GDScript',
    floor: 'call',
    make: () => {
      const off = autoloadScene({ enabled: false });
      const attrs = fromGDScript({ level: 'forest' });
      return () => void callFromGDScript(off.gd('start_span', 'level_load', attrs) as object, 'end');
    },
  },
  {
    name: 'floor from TS: an empty method called directly',
    make: () => {
      const floor = new EmptyScript();
      const data = { player_id: '123' };
      return () => floor.noop('Player joined', data);
    },
  },
  {
    name: 'switched off: log_info from TS',
    make: () => {
      const off = autoloadScene({ enabled: false });
      const data = { player_id: '123' };
      return () => off.node.log_info('Player joined', data);
    },
  },
];

/** Calls between two frames of the benchmark: about what a busy game makes per frame. */
const CALLS_PER_FRAME = 200;

/**
 * Two timed cases per API call: the call alone (the frame's work after it, untimed, between samples),
 * and the call with its share of the next frame (the autoload's _process takes the recorded calls in).
 */
export function autoloadCallCases(spec: AutoloadCallSpec): CallCase[] {
  const scene = autoloadScene({ queue_limit: 20_000, batch_size: 10_000, flush_interval_ms: 600_000 });
  const call = spec.make(scene);
  let sinceFlush = 0;
  const frame = (): void => {
    scene.tree.step();
    sinceFlush += CALLS_PER_FRAME;
    if (sinceFlush < 5000) return;
    // Send what piled up (untimed), so queues never reach their limit and every call takes the normal path.
    sinceFlush = 0;
    scene.gd('flush');
    scene.tree.step();
    scene.tree.step();
  };
  const calls = (n: number): void => {
    for (let i = 0; i < n; i++) call();
  };
  const cases: CallCase[] = [
    { name: `${spec.name} [call]`, batch: CALLS_PER_FRAME, run: calls, between: frame },
    {
      name: `${spec.name} [call + tick]`,
      batch: CALLS_PER_FRAME,
      run(n) {
        calls(n);
        frame();
      },
    },
  ];
  if (spec.direct !== undefined) cases.push(loop(`${spec.name} [direct]`, spec.direct(scene), frame));
  if (spec.nativeOnly !== undefined) cases.push(loop(`${spec.name} [native calls alone]`, spec.nativeOnly(withFreeCopy(fromGDScript({ level: 'forest' }))), frame));
  return cases;
}

function loop(name: string, call: () => void, between: () => void): CallCase {
  return {
    name,
    batch: CALLS_PER_FRAME,
    run(n) {
      for (let i = 0; i < n; i++) call();
    },
    between,
  };
}

export interface Crossings {
  readonly name: string;
  /** Native calls per API call, made inside the call (GDScript's call into TS included). */
  readonly atCall: number;
  /** Native calls per API call made when the autoload hands it to the core (the frame's end, or its next _process). */
  readonly atTick: number;
}

/** Counts, not times: the same on every machine and engine. Frames of CALLS_PER_FRAME calls, as in the timed cases. */
export function countCrossings(spec: AutoloadCallSpec, frames = 5): Crossings {
  const scene = autoloadScene({ queue_limit: 20_000, batch_size: 10_000, flush_interval_ms: 600_000 });
  const call = spec.make(scene);
  call();
  scene.tree.step();
  let atCall = 0;
  let atTick = 0;
  for (let f = 0; f < frames; f++) {
    const start = nativeCalls.count;
    for (let i = 0; i < CALLS_PER_FRAME; i++) call();
    const afterCalls = nativeCalls.count;
    scene.tree.step();
    const afterTick = nativeCalls.count;
    // The frame's own steady work (the SceneTree's step, a tick with nothing to send) is not the calls'.
    scene.tree.step();
    atCall += afterCalls - start;
    atTick += afterTick - afterCalls - (nativeCalls.count - afterTick);
  }
  const calls = frames * CALLS_PER_FRAME;
  return { name: spec.name, atCall: atCall / calls, atTick: atTick / calls };
}
