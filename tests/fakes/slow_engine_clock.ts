import { FakeClock } from './fake_clock';

/** A clock that, once `readCostMs` is set, moves on at every read: the time an engine spends between two reads. */
export class SlowEngineClock extends FakeClock {
  readCostMs = 0;

  override monotonicMs(): number {
    const now = super.monotonicMs();
    this.advance(this.readCostMs);
    return now;
  }
}
