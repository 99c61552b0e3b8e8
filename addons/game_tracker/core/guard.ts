/** Runs game-facing work so that nothing escapes into the game: an exception goes to `onError`. */
export function runGuarded(action: () => void, onError: (error: unknown) => void): void {
  try {
    action();
  } catch (error) {
    onError(error);
  }
}
