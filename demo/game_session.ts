/**
 * One simulated game client: players join, take damage and die, levels load (a span with nested child
 * spans and a load-time histogram), the shop sells things, and now and then something goes wrong.
 * It calls the same tracker API a Godot game calls through the autoload.
 */
import type { SpanHandle, Tracker } from '../addons/game_tracker/core/api';
import type { Rng } from './rng';

const LEVELS = ['forest', 'cave', 'castle', 'swamp'] as const;
const DAMAGE_SOURCES = ['goblin', 'arrow', 'lava', 'fall'] as const;
const ITEMS = [
  { item: 'sword', price: 120 },
  { item: 'potion', price: 15 },
  { item: 'shield', price: 80 },
] as const;

interface LevelLoad {
  level: string;
  span: SpanHandle;
  stage: SpanHandle | undefined;
  stages: string[];
  remainingMs: number;
  startedMs: number;
}

export class GameSession {
  private health = 100;
  private playersOnline = 0;
  private loading: LevelLoad | undefined;
  private elapsedMs = 0;

  constructor(
    private readonly tracker: Tracker,
    private readonly rng: Rng,
    readonly playerId: string,
  ) {}

  start(): void {
    this.tracker.set_user({ id: this.playerId, name: `Player ${this.playerId}` });
    this.tracker.set_tag('region', this.rng.pick(['eu', 'us', 'asia']));
    this.tracker.set_context('character', { class: this.rng.pick(['mage', 'rogue', 'knight']), level: 1 });
    this.playersOnline = 1 + Math.floor(this.rng.between(0, 4));
    this.tracker.increment('player_joined');
    this.tracker.gauge('players_online', this.playersOnline);
    this.tracker.log_info('Player joined', { player_id: this.playerId });
    this.startLevel(this.rng.pick(LEVELS));
  }

  /** One frame of play. */
  /** One frame of the game; the engine's delta, as `_process` would have it, goes to the tracker's frame health too. */
  frame(frameMs: number): void {
    this.elapsedMs += frameMs;
    const deltaMs = frameMs * this.rng.between(0.8, 1.6);
    this.tracker.histogram('frame_time_ms', deltaMs);
    this.tracker.frame(this.rng.chance(0.002) ? deltaMs * 5 : deltaMs);
    if (this.loading !== undefined) return this.advanceLoad(frameMs);
    if (this.rng.chance(0.02)) this.takeDamage();
    if (this.rng.chance(0.004)) this.buy();
    if (this.rng.chance(0.002)) this.startLevel(this.rng.pick(LEVELS));
    if (this.rng.chance(0.001)) this.tracker.log_warn('Frame spike', { frame_ms: Math.round(frameMs * 4) });
    if (this.rng.chance(0.003)) this.changeCrowd();
  }

  private takeDamage(): void {
    const source = this.rng.pick(DAMAGE_SOURCES);
    const amount = Math.round(this.rng.between(5, 35));
    this.health = Math.max(0, this.health - amount);
    this.tracker.increment('player_damage_taken', { source }, amount);
    this.tracker.gauge('player_health', this.health);
    if (this.health > 0) return;
    this.tracker.increment('player_deaths', { cause: source });
    this.tracker.log_warn('Player died', { player_id: this.playerId, cause: source, played_ms: Math.round(this.elapsedMs) });
    this.health = 100;
    this.tracker.gauge('player_health', this.health);
  }

  private buy(): void {
    const { item, price } = this.rng.pick(ITEMS);
    const span = this.tracker.start_span('shop.purchase', { item, price });
    const declined = this.rng.chance(0.2);
    this.tracker.increment('shop_purchase_attempts', { item, result: declined ? 'declined' : 'ok' });
    if (declined) {
      span.set_error('payment declined');
      this.tracker.log_error('Purchase failed', { item, reason: 'payment declined', span });
    } else {
      this.tracker.increment('shop_revenue', { currency: 'gold' }, price);
      this.tracker.log_info('Item purchased', { item, price });
    }
    span.end();
  }

  private changeCrowd(): void {
    this.playersOnline = Math.max(1, this.playersOnline + (this.rng.chance(0.5) ? 1 : -1));
    this.tracker.gauge('players_online', this.playersOnline);
  }

  private startLevel(level: string): void {
    const span = this.tracker.start_span('level.load', { level });
    this.loading = { level, span, stage: undefined, stages: ['load_assets', 'build_navmesh', 'spawn_enemies'], remainingMs: 0, startedMs: this.elapsedMs };
    this.tracker.increment('level_loads', { level });
  }

  /** Each stage is a child span; the assets stage has a grandchild per asset pack. */
  private advanceLoad(frameMs: number): void {
    const load = this.loading as LevelLoad;
    load.remainingMs -= frameMs;
    if (load.remainingMs > 0) return;
    load.stage?.end();
    const next = load.stages.shift();
    if (next === undefined) return this.finishLoad(load);
    load.stage = this.tracker.start_span(`level.${next}`, { level: load.level }, load.span);
    if (next === 'load_assets') {
      for (const pack of ['textures', 'audio']) this.tracker.start_span('assets.decode', { pack }, load.stage).end();
    }
    load.remainingMs = this.rng.between(20, 250);
  }

  private finishLoad(load: LevelLoad): void {
    const loadMs = this.elapsedMs - load.startedMs;
    if (this.rng.chance(0.1)) {
      load.span.set_error('shader compilation stalled');
      this.tracker.log_error('Level load slow', { level: load.level, load_ms: Math.round(loadMs), span: load.span });
    }
    load.span.end();
    this.tracker.histogram('level_load_time_ms', loadMs, { level: load.level });
    this.tracker.log_info('Level loaded', { level: load.level, load_ms: Math.round(loadMs) });
    this.loading = undefined;
  }
}
