/** Exponential backoff with jitter in the upper half, so a fleet of clients does not reconnect in lockstep. */
export function reconnectDelayMs(attempt: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + Math.random() * (ceiling / 2));
}
