import { Injectable } from '@nestjs/common';

/** Wakes the sender when a work order is queued, so delivery does not wait for the next poll. */
@Injectable()
export class WorkOrderSignal {
  private waiters = new Set<() => void>();

  kick(): void {
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const wake of woken) wake();
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }
}
