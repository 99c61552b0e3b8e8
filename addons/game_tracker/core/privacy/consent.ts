/**
 * Whether the player lets the game send telemetry. The game decides how to ask; the tracker only
 * holds, sends or discards:
 * - not_required: `require_consent` is off and the player has not opted out: sending as usual;
 * - pending: `require_consent` is on and no answer yet: everything is recorded and held within the
 *   usual queue bounds, and nothing leaves the device (not even at quit);
 * - granted: sending; what was held goes out as if it had been allowed from the start;
 * - denied: refused or withdrawn: what was held is discarded, new calls are counted and dropped
 *   (no_consent), and the session's identifiers are gone (a later grant starts a new session).
 */
export type ConsentState = 'not_required' | 'pending' | 'granted' | 'denied';

export class Consent {
  /** The player's answer, given before or after init; undefined until there is one. */
  private answer: boolean | undefined;
  private required = false;

  /** `init`'s `require_consent`, and its `consent` (a choice the game saved earlier) if given. */
  configure(required: boolean, savedAnswer: boolean | undefined): void {
    this.required = required;
    if (savedAnswer !== undefined) this.answer = savedAnswer;
  }

  /** Records the player's answer: whether it withdraws (or refuses) what was allowed or held before, grants, or changes nothing. */
  answerWith(granted: boolean): 'withdrawn' | 'granted' | 'unchanged' {
    if (this.answer === granted) return 'unchanged';
    this.answer = granted;
    return granted ? 'granted' : 'withdrawn';
  }

  state(): ConsentState {
    if (this.answer === true) return 'granted';
    if (this.answer === false) return 'denied';
    return this.required ? 'pending' : 'not_required';
  }

  /** Calls are recorded unless the player said no. */
  refused(): boolean {
    return this.answer === false;
  }

  /** Something may leave the device. */
  allowsSending(): boolean {
    return this.answer === true || (this.answer === undefined && !this.required);
  }
}
