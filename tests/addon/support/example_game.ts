/**
 * The design's integration example as a game runs it, in GDScript terms: every call reaches the
 * autoload the way GDScript does (callFromGDScript, Dictionaries as GDictionary). `main.gd` calls
 * `init` in its `_ready`, after its children (`player.gd`, `level_manager.gd`, `shop.gd`) have run
 * theirs; the shop logs `purchase_attempt` twice a second; the game quits right after its last line.
 * The game keeps its own tally of what it recorded, to compare with what a receiver got.
 */
import type GameTrackerNode from '../../../addons/game_tracker/game_tracker';
import { callFromGDScript, fromGDScript } from '../../godot_double/gdscript';
import { Node } from '../../godot_double/node';

export const FRAMES_PER_SECOND = 60;
/** 8 s of play at 60 frames a second, then `get_tree().quit()`. */
export const QUIT_FRAME = 8 * FRAMES_PER_SECOND;

/** What the game recorded: every log line by its sequence number, counter totals, spans. */
export class GameTally {
  readonly lines = new Map<number, string>();
  readonly counters = new Map<string, number>();
  spans = 0;
  private seq = 0;

  constructor(readonly tracker: GameTrackerNode) {}

  gd(method: string, ...args: unknown[]): unknown {
    return callFromGDScript(this.tracker, method, ...args);
  }

  log(level: 'log_info' | 'log_warn' | 'log_error', msg: string, data: Record<string, unknown> = {}): void {
    const seq = this.seq++;
    this.lines.set(seq, msg);
    this.gd(level, msg, fromGDScript({ ...data, seq }));
  }

  increment(name: string, labels: Record<string, string>, by = 1): void {
    const key = seriesKey(`${name}_total`, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
    this.gd('increment', name, fromGDScript(labels), by);
  }

  startSpan(name: string, attrs: Record<string, unknown>, parent?: unknown): object {
    this.spans++;
    return this.gd('start_span', name, fromGDScript(attrs), parent ?? null) as object;
  }
}

/** `name{k="v",…}` with labels sorted, as a receiver's series can be written too. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  return `${name}{${Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`).join(',')}}`;
}

class Script extends Node {
  protected frame = 0;
  constructor(protected readonly game: GameTally) {
    super();
  }
}

class Player extends Script {
  override _ready(): void {
    this.game.gd('set_user', fromGDScript({ id: 'player-1', name: 'Ada' }));
    this.game.log('log_info', 'Player spawned', { hp: 100 });
  }
  override _process(): void {
    this.frame++;
    if (this.frame % 160 === 0) {
      this.game.log('log_error', 'Player died', { cause: 'lava' });
      this.game.increment('player_deaths', { cause: 'lava' });
    } else if (this.frame % 40 === 0) {
      this.game.log('log_warn', 'Player hit', { damage: 10 });
    }
  }
  override _exit_tree(): void {
    this.game.log('log_info', 'Player despawned');
  }
}

class LevelManager extends Script {
  private level = 0;
  private loading: { level: object; textures: object; endsAt: number } | undefined;
  override _ready(): void {
    // A span for the whole session, never ended by the game: the quit ends it.
    this.game.startSpan('session', { mode: 'story' });
    this.startLevel();
  }
  override _process(): void {
    this.frame++;
    if (this.loading !== undefined && this.frame >= this.loading.endsAt) {
      callFromGDScript(this.loading.textures, 'end');
      callFromGDScript(this.loading.level, 'end');
      this.game.gd('histogram', 'level_load_time_ms', 333.4, fromGDScript({ level: `level_${this.level}` }));
      this.game.log('log_info', 'Level loaded', { level: this.level });
      this.loading = undefined;
    }
    if (this.frame % 70 === 0) this.startLevel();
  }
  private startLevel(): void {
    this.level++;
    const level = this.game.startSpan('level_load', { level: `level_${this.level}` });
    const textures = this.game.startSpan('load_textures', {}, level);
    this.game.increment('levels_started', { level: `level_${this.level}` });
    this.loading = { level, textures, endsAt: this.frame + 20 };
  }
}

class Shop extends Script {
  private attempts = 0;
  override _process(): void {
    this.frame++;
    if (this.frame % 30 !== 0) return;
    this.attempts++;
    this.game.log('log_info', 'purchase_attempt', { item: 'sword', price: 40 });
    if (this.attempts % 4 === 0) return;
    this.game.increment('purchases', { item: 'sword' });
    this.game.increment('revenue', { currency: 'gold' }, 40);
  }
}

class Main extends Script {
  constructor(
    game: GameTally,
    private readonly options: Record<string, unknown>,
  ) {
    super(game);
    for (const child of [new Player(game), new LevelManager(game), new Shop(game)]) this.add_child(child);
  }
  override _ready(): void {
    this.game.gd('init', fromGDScript(this.options));
    this.game.gd('set_tag', 'build', 'ci');
  }
  override _process(): void {
    this.frame++;
    if (this.frame !== QUIT_FRAME) return;
    this.game.log('log_info', 'Game over, quitting', { frames: this.frame });
    this.get_tree()?.quit();
  }
}

/** The main scene with its three children; add it under the root after the autoload. */
export function exampleMainScene(game: GameTally, initOptions: Record<string, unknown>): Node {
  return new Main(game, initOptions);
}
