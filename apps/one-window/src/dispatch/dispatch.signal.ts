import { Injectable } from '@nestjs/common';

/** Wakes the dispatch lanes right after a submit instead of waiting for the next poll. */
@Injectable()
export class DispatchSignal {
  private waiters: (() => void)[] = [];

  kick(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((f) => f !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.push(done);
    });
  }
}
