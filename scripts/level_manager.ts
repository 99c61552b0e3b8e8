import { Node, Time } from 'godot';
import GameTrackerNode from '../addons/game_tracker/game_tracker';
import type GameTrackerSpan from '../addons/game_tracker/game_tracker_span';

const LEVELS = ['forest', 'cave', 'castle'] as const;
const TURNS_PER_LEVEL = 4;
/** Loading stages and how long each takes (ms), spread over frames as a real loader would be. */
const STAGES: ReadonlyArray<readonly [name: string, durationMs: number]> = [
  ['load_assets', 120],
  ['build_navmesh', 60],
  ['spawn_entities', 30],
];

interface Loading {
  readonly level: string;
  readonly span: GameTrackerSpan;
  readonly startedMs: number;
  stage: number;
  stageSpan: GameTrackerSpan;
  stageEndsMs: number;
}

/**
 * The demo's level loader (TypeScript, calling the autoload through GameTrackerNode.instance): every
 * few turns it loads the next level over several frames, as a `level.load` span with one child span
 * per stage, and records the load time.
 */
export default class LevelManager extends Node {
  private loading: Loading | null = null;

  play_turn(turn: number): void {
    if ((turn - 1) % TURNS_PER_LEVEL !== 0) return;
    const level = LEVELS[Math.floor((turn - 1) / TURNS_PER_LEVEL) % LEVELS.length] ?? 'forest';
    this.load_level(level);
  }

  load_level(level: string): void {
    const tracker = GameTrackerNode.instance;
    if (tracker === null || this.loading !== null) return;
    const span = tracker.start_span('level.load', { level });
    const now = Time.get_ticks_msec();
    this.loading = { level, span, startedMs: now, stage: 0, stageSpan: startStage(tracker, span, 0), stageEndsMs: now + stageMs(0) };
  }

  override _process(): void {
    const loading = this.loading;
    const tracker = GameTrackerNode.instance;
    if (loading === null || tracker === null || Time.get_ticks_msec() < loading.stageEndsMs) return;
    loading.stageSpan.end();
    loading.stage++;
    if (loading.stage < STAGES.length) {
      loading.stageSpan = startStage(tracker, loading.span, loading.stage);
      loading.stageEndsMs = Time.get_ticks_msec() + stageMs(loading.stage);
      return;
    }
    finishLoad(tracker, loading);
    this.loading = null;
  }
}

// Module functions, not methods: GDScript sees every method of a script class.
function finishLoad(tracker: GameTrackerNode, loading: Loading): void {
  const elapsedMs = Time.get_ticks_msec() - loading.startedMs;
  loading.span.set_attribute('stages', STAGES.length);
  loading.span.end();
  tracker.increment('level_loads', { level: loading.level });
  tracker.histogram('level_load_time_ms', elapsedMs, { level: loading.level });
  tracker.log_info('level loaded', { level: loading.level, load_ms: elapsedMs, span: loading.span });
}

function startStage(tracker: GameTrackerNode, parent: GameTrackerSpan, stage: number): GameTrackerSpan {
  return tracker.start_span(`level.${STAGES[stage]?.[0] ?? 'stage'}`, {}, parent);
}

function stageMs(stage: number): number {
  return STAGES[stage]?.[1] ?? 0;
}
