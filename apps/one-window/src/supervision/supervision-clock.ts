import { Clock } from '@app/common';
import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';

/** The clock of the deadline job and the supervision API (a token of its own, so a test can move it without touching the rest of the app). */
export const SUPERVISION_CLOCK = Symbol('SUPERVISION_CLOCK');

/**
 * Test-only (SUPERVISION_TEST_CLOCK_FILE): "now" is the ISO 8601 time written in a file, read at
 * every call, so an end-to-end test moves the time-limit clock days ahead while the apps run. An
 * empty file means the system clock; an unreadable or malformed one too, with a warning.
 */
export class FileClock extends Clock {
  private readonly logger = new Logger('SupervisionClock');

  constructor(private readonly file: string) {
    super();
    this.logger.warn({ msg: 'test clock in use: time limits are computed with the time in this file', file });
  }

  now(): Date {
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8').trim();
    } catch (e) {
      this.logger.warn({ msg: 'test clock file unreadable; using the system clock', err: (e as Error).message });
    }
    if (!text) return new Date();
    const t = new Date(text);
    if (Number.isNaN(t.getTime())) {
      this.logger.warn({ msg: 'test clock file holds no ISO time; using the system clock', text: text.slice(0, 40) });
      return new Date();
    }
    return t;
  }
}
