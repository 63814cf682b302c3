/**
 * Wakes sleeping worker loops as soon as there is work, instead of letting them poll fast.
 * wait(ms) resolves after ms or at the next kick(), whichever comes first. A kick that finds
 * nobody waiting is remembered (once), so work announced while a loop was busy is not left
 * to the next timeout.
 */
export class WakeSignal {
  private waiters = new Set<() => void>();
  private pending = false;

  kick(): void {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const wake of woken) wake();
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.waiters.add(wake);
    });
  }
}
