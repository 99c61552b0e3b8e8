import { GArray, Node, OS } from 'godot';
import GameTrackerNode from '../addons/game_tracker/game_tracker';
import { parseSessionArgs } from './session_args';

/** One scripted turn every this many seconds; each game system acts on its turn (`play_turn`). */
const TURN_INTERVAL_S = 0.5;
const QUIT_FLUSH_TIMEOUT_MS = 5000;

/**
 * The demo's main scene (TypeScript): reads `--endpoint` and `--duration`, starts the tracker, plays
 * turns on the scene's systems (GDScript and TypeScript alike, through `propagate_call`), samples the
 * frame time, and after the duration flushes and quits by itself.
 */
export default class SessionDirector extends Node {
  private durationS = 0;
  private elapsedS = 0;
  private turn = 0;
  private finished = false;

  override _ready(): void {
    const args = parseSessionArgs(userArgs());
    this.durationS = args.durationS;
    const tracker = GameTrackerNode.instance;
    tracker?.init({ endpoint: args.endpoint, game: 'game_tracker_demo', version: '0.1.0', environment: 'demo', handle_quit: true, flush_interval_ms: 1000, auto_capture: true });
    tracker?.set_user({ id: 'demo-player-1' });
    tracker?.set_tag('build', 'headless-demo');
    tracker?.increment('player_joined');
    tracker?.gauge('players_online', 1);
    tracker?.log_info('session started', { duration_s: this.durationS, turn_interval_s: TURN_INTERVAL_S });
  }

  override _process(delta: number): void {
    if (this.finished) return;
    this.elapsedS += delta;
    GameTrackerNode.instance?.histogram('frame_time_ms', delta * 1000);
    while (this.turn * TURN_INTERVAL_S <= this.elapsedS && this.turn * TURN_INTERVAL_S < this.durationS) {
      this.turn++;
      this.propagate_call('play_turn', GArray.create([this.turn]));
    }
    if (this.elapsedS < this.durationS) return;
    this.finished = true;
    endSession(this, this.turn);
  }
}

// Module functions, not methods: GDScript sees every method of a script class.
function endSession(director: Node, turns: number): void {
  const tracker = GameTrackerNode.instance;
  if (tracker === null) {
    // Without the autoload there is nothing to flush; exit with a failure code so CI notices.
    director.get_tree().quit(1);
    return;
  }
  tracker.gauge('players_online', 0);
  tracker.log_info('session over', { turns });
  tracker.flush_and_quit(QUIT_FLUSH_TIMEOUT_MS);
}

function userArgs(): string[] {
  const packed = OS.get_cmdline_user_args();
  return Array.from({ length: Number(packed.size()) }, (_, i) => packed.get(i));
}
