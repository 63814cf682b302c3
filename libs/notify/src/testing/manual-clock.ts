import { Clock } from '@app/common';

/** A clock that only moves when told: for tests of timers and backoff without waiting. */
export class ManualClock extends Clock {
  private t: number;

  constructor(start: Date | string = '2026-11-22T08:00:00+08:00') {
    super();
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  advance(ms: number): Date {
    this.t += ms;
    return this.now();
  }
}
