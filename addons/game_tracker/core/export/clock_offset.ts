/**
 * Players' clocks can be hours off, and receivers refuse data too far in the past or future. Each
 * response's `Date` header (1 s resolution) tells us the receiver's time; the estimate with the least
 * uncertainty wins, and a correction is applied only when the device is clearly off.
 */

/** Below this the device clock is trusted: receivers tolerate small skew, and the header is coarse. */
const TRUST_DEVICE_WITHIN_MS = 2_000;

export class ClockOffset {
  private bestUncertaintyMs = Infinity;
  private offsetMs = 0;
  private answered = false;

  /**
   * Whether any receiver has answered yet (with a `Date` or without one, in which case the device
   * clock is all there is). Until then a wrong device clock cannot be told from a right one.
   */
  known(): boolean {
    return this.answered;
  }

  /** Any HTTP answer settles the question, even without a `Date` header. */
  noteAnswer(): void {
    this.answered = true;
  }

  /** Receiver time minus device time, to add to device timestamps. */
  correctionMs(): number {
    return this.offsetMs;
  }

  /**
   * @param dateHeader the response's `Date`
   * @param sentUnixMs device time when the request left
   * @param receivedUnixMs device time when the answer came
   */
  observe(dateHeader: string | undefined, sentUnixMs: number, receivedUnixMs: number): void {
    if (dateHeader === undefined) return;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    // The server stamped the header somewhere in [sent, received], within a second it truncated.
    const halfRoundTripMs = Math.max(0, receivedUnixMs - sentUnixMs) / 2;
    const estimateMs = serverMs + 500 - (sentUnixMs + halfRoundTripMs);
    const uncertaintyMs = 500 + halfRoundTripMs;
    if (uncertaintyMs > this.bestUncertaintyMs) return;
    this.bestUncertaintyMs = uncertaintyMs;
    this.offsetMs = Math.abs(estimateMs) > TRUST_DEVICE_WITHIN_MS + uncertaintyMs ? Math.round(estimateMs) : 0;
  }
}
