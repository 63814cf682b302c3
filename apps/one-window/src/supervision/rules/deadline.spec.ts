import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFacts, DeadlineFacts, evaluateDeadline, StoredApplication, WarnPolicy } from './deadline';
import { DAY_MS, parseHolidayCalendar } from './holiday-calendar';
import { WorkingClock, workingMs } from './working-time';

const cal = parseHolidayCalendar(JSON.parse(readFileSync(join(__dirname, '..', 'calendar', 'holiday-calendar.json'), 'utf8')));
/** a Beijing time */
const bj = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 23) : null);
const ONE_DAY: WarnPolicy = { days: 1, fraction: 0 };

const facts = (submittedAt: string, promisedDays: number, legalDays: number, more: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  submittedAt: bj(submittedAt),
  promisedDays,
  legalDays,
  pauses: [],
  stoppedAt: null,
  stopReason: null,
  ...more,
});

describe('working-day arithmetic', () => {
  it('counts only working days, 24 hours each', () => {
    // Friday 12:00 → Monday 12:00: half of Friday and half of Monday
    expect(workingMs(cal, bj('2026-11-20T12:00:00').getTime(), bj('2026-11-23T12:00:00').getTime())).toBe(DAY_MS);
    // the whole 国庆 week is nothing; the 调休 Saturday 10 October counts
    expect(workingMs(cal, bj('2026-10-01T00:00:00').getTime(), bj('2026-10-08T00:00:00').getTime())).toBe(0);
    expect(workingMs(cal, bj('2026-10-10T00:00:00').getTime(), bj('2026-10-11T00:00:00').getTime())).toBe(DAY_MS);
  });

  it('reach() is the first instant the clock has run that long; pauses add nothing', () => {
    const start = bj('2026-11-16T00:00:00').getTime(); // Monday
    const clock = new WorkingClock(cal, start, [{ from: bj('2026-11-16T12:00:00').getTime(), to: bj('2026-11-17T12:00:00').getTime() }]);
    expect(clock.used(bj('2026-11-17T12:00:00').getTime())).toBe(DAY_MS / 2);
    // ½ day before the pause, ½ after it: one day of clock time is reached at the end of the 17th
    expect(iso(new Date(clock.reach(DAY_MS)))).toBe('2026-11-18T00:00:00.000');
    // five days from Friday 20 November: Mon–Thu next week plus the Friday
    expect(iso(new Date(new WorkingClock(cal, bj('2026-11-20T00:00:00').getTime()).reach(5 * DAY_MS)))).toBe('2026-11-27T00:00:00.000');
  });
});

describe('the promised and legal deadlines', () => {
  it('start on the day after submission: 3 working days from a Monday end on Thursday 24:00', () => {
    const v = evaluateDeadline(cal, facts('2026-11-16T10:00:00', 3, 15), ONE_DAY, bj('2026-11-16T10:05:00'));
    expect(iso(v.clockStartAt)).toBe('2026-11-17T00:00:00.000');
    expect(iso(v.promisedDueAt)).toBe('2026-11-19T23:59:59.999');
    expect(v.promisedDueDate).toBe('2026-11-19');
    // 15 working days: 17–20 (4), 23–27 (9), 30 Nov–4 Dec (14), Monday 7 Dec (15)
    expect(v.legalDueDate).toBe('2026-12-07');
    expect(v.state).toBe('NORMAL');
    expect(v.paused).toBe(false);
    expect(v.closed).toBe(false);
    expect(v.pausedWorkingMs).toBe(0);
  });

  it('over the 国庆 week with its 调休 Saturday: submitted 30 September, 3 days end on Saturday 10 October', () => {
    const v = evaluateDeadline(cal, facts('2026-09-30T16:00:00', 3, 5), ONE_DAY, bj('2026-09-30T16:00:00'));
    // 8 Oct (1), 9 Oct (2), Saturday 10 Oct 调休 (3); legal 5: Monday 12 (4), Tuesday 13 (5)
    expect(v.promisedDueDate).toBe('2026-10-10');
    expect(v.legalDueDate).toBe('2026-10-13');
  });

  it('the 调休 Sunday before 国庆 counts: submitted Friday 18 September, 3 days end Tuesday 22', () => {
    expect(evaluateDeadline(cal, facts('2026-09-18T09:00:00', 3, 3), ONE_DAY, bj('2026-09-18T09:00:00')).promisedDueDate).toBe('2026-09-22');
  });

  it('over the new year: submitted 30 December 2026, 3 days skip 元旦 and end 5 January 2027', () => {
    const v = evaluateDeadline(cal, facts('2026-12-30T11:00:00', 3, 10), ONE_DAY, bj('2026-12-30T11:00:00'));
    // 31 Dec (1), 1–3 Jan 元旦, 4 Jan (2), 5 Jan (3)
    expect(v.promisedDueDate).toBe('2027-01-05');
    expect(iso(v.promisedDueAt)).toBe('2027-01-05T23:59:59.999');
  });

  it('a submission on a holiday starts the clock on the next working day', () => {
    expect(evaluateDeadline(cal, facts('2026-10-03T10:00:00', 1, 1), ONE_DAY, bj('2026-10-03T10:00:00')).promisedDueDate).toBe('2026-10-08');
  });

  it('即办件 (0 days) ends on the day of submission and gets no yellow card', () => {
    const v = evaluateDeadline(cal, facts('2026-11-16T10:00:00', 0, 0), ONE_DAY, bj('2026-11-16T12:00:00'));
    expect(iso(v.promisedDueAt)).toBe('2026-11-16T23:59:59.999');
    expect(v.warnAt).toBeNull();
    expect(v.state).toBe('NORMAL');
    expect(evaluateDeadline(cal, facts('2026-11-16T10:00:00', 0, 0), ONE_DAY, bj('2026-11-17T00:00:00')).state).toBe('OVERDUE');
  });
});

describe('the deadline states', () => {
  const f = facts('2026-11-16T10:00:00', 3, 5); // due Thursday 19 November, legal Monday 23
  const at = (s: string, policy = ONE_DAY) => evaluateDeadline(cal, f, policy, bj(s));

  it('NORMAL until one working day is left, then WARNING (黄牌), then OVERDUE (红牌) the moment the day ends', () => {
    expect(at('2026-11-18T23:59:59.999').state).toBe('NORMAL');
    expect(iso(at('2026-11-18T08:00:00').warnAt)).toBe('2026-11-19T00:00:00.000');
    expect(at('2026-11-19T00:00:00').state).toBe('WARNING');
    expect(at('2026-11-19T23:59:59.999').state).toBe('WARNING');
    const over = at('2026-11-20T00:00:00');
    expect(over.state).toBe('OVERDUE');
    expect(iso(over.overdueAt)).toBe('2026-11-20T00:00:00.000');
    expect(over.overdueWorkingDays).toBe(1);
  });

  it('counts overdue working days begun, not weekend days', () => {
    expect(at('2026-11-21T10:00:00').overdueWorkingDays).toBe(1); // Saturday
    expect(at('2026-11-23T10:00:00').overdueWorkingDays).toBe(2); // Friday 20 + part of Monday 23
  });

  it('the legal deadline is recorded apart from the promised one', () => {
    expect(at('2026-11-23T23:00:00').legalExceeded).toBe(false);
    const v = at('2026-11-24T00:00:00');
    expect(v.legalExceeded).toBe(true);
    expect(iso(v.legalExceededAt)).toBe('2026-11-24T00:00:00.000');
  });

  it('a fraction of the promised limit as the margin: 30 % of 10 days warns with 3 days left', () => {
    const g = facts('2026-11-16T10:00:00', 10, 20); // 17 Nov … 30 Nov
    const v = evaluateDeadline(cal, g, { days: 1, fraction: 0.3 }, bj('2026-11-26T00:00:00'));
    expect(v.promisedDueDate).toBe('2026-11-30');
    expect(iso(v.warnAt)).toBe('2026-11-26T00:00:00.000'); // Thu 26, Fri 27, Mon 30 left
    expect(v.state).toBe('WARNING');
  });

  it('a margin of 0 gives no yellow card at all', () => {
    const v = at('2026-11-19T12:00:00', { days: 0, fraction: 0 });
    expect(v.warnAt).toBeNull();
    expect(v.state).toBe('NORMAL');
  });

  it('tells when to look again: the yellow card, the red card, the legal limit, then every midnight while overdue', () => {
    expect(iso(at('2026-11-17T09:00:00').nextCheckAt)).toBe('2026-11-19T00:00:00.000');
    expect(iso(at('2026-11-19T09:00:00').nextCheckAt)).toBe('2026-11-20T00:00:00.000');
    expect(iso(at('2026-11-20T09:00:00').nextCheckAt)).toBe('2026-11-21T00:00:00.000');
  });
});

describe('pauses for 补正补齐 and the stop at 办结', () => {
  it('a pause spanning the 国庆 holiday moves the deadline by the working time it covered', () => {
    // Monday 28 September, 5 days: 29, 30 Sep, 8, 9, Saturday 10 Oct without a pause
    const plain = evaluateDeadline(cal, facts('2026-09-28T09:00:00', 5, 20), ONE_DAY, bj('2026-09-28T09:00:00'));
    expect(plain.promisedDueDate).toBe('2026-10-10');
    // waiting from Wednesday 30 Sep 12:00 to Friday 9 Oct 12:00: ½ + 8 Oct + ½ = 2 working days
    const pauses = [{ from: bj('2026-09-30T12:00:00'), to: bj('2026-10-09T12:00:00') }];
    const v = evaluateDeadline(cal, facts('2026-09-28T09:00:00', 5, 20, { pauses }), ONE_DAY, bj('2026-10-09T13:00:00'));
    expect(v.pausedWorkingMs).toBe(2 * DAY_MS);
    // 1.5 days used before; 3.5 left from 9 Oct 12:00: ½ of the 9th, Saturday 10, Monday 12, ½ of Tuesday 13 → end of the 13th
    expect(v.promisedDueDate).toBe('2026-10-13');
    expect(v.paused).toBe(false);
  });

  it('while waiting the clock is paused: the deadline moves with each waiting day and never turns red', () => {
    const pauses = [{ from: bj('2026-11-17T10:00:00'), to: null }];
    const f = facts('2026-11-16T10:00:00', 3, 5, { pauses });
    const early = evaluateDeadline(cal, f, ONE_DAY, bj('2026-11-18T10:00:00'));
    expect(early.paused).toBe(true);
    expect(early.pausedWorkingMs).toBe(DAY_MS);
    expect(early.promisedDueDate).toBe('2026-11-20');
    const late = evaluateDeadline(cal, f, ONE_DAY, bj('2026-12-01T10:00:00'));
    expect(late.paused).toBe(true);
    expect(late.state).toBe('NORMAL');
    expect(late.promisedDueDate).toBe('2026-12-03');
    // a paused clock is looked at again at midnight, when its deadline moves
    expect(iso(late.nextCheckAt)).toBe('2026-12-02T00:00:00.000');
  });

  it('stops at 办结: the state is the one at the stop, and there is nothing more to check', () => {
    const inTime = facts('2026-11-16T10:00:00', 3, 5, { stoppedAt: bj('2026-11-18T15:00:00'), stopReason: 'CONCLUDED' });
    const v = evaluateDeadline(cal, inTime, ONE_DAY, bj('2026-12-30T10:00:00'));
    expect(v).toMatchObject({ state: 'NORMAL', closed: true, stopReason: 'CONCLUDED', legalExceeded: false, nextCheckAt: null });
    expect(iso(v.stoppedAt)).toBe('2026-11-18T15:00:00.000');
    const late = evaluateDeadline(cal, { ...inTime, stoppedAt: bj('2026-11-24T09:00:00') }, ONE_DAY, bj('2026-12-30T10:00:00'));
    expect(late).toMatchObject({ state: 'OVERDUE', closed: true, legalExceeded: true, overdueWorkingDays: 3 });
  });

  it('a stop known in advance is not applied before it happens (the clock of a test may lag behind)', () => {
    const f = facts('2026-11-16T10:00:00', 3, 5, { stoppedAt: bj('2026-11-18T15:00:00'), stopReason: 'CONCLUDED' });
    const v = evaluateDeadline(cal, f, ONE_DAY, bj('2026-11-17T10:00:00'));
    expect(v.closed).toBe(false);
    expect(iso(v.nextCheckAt)).toBe('2026-11-18T15:00:00.000');
  });
});

describe('deriving the inputs from what one-window stores', () => {
  const base: StoredApplication = {
    state: 'ACCEPTED',
    concludedAt: null,
    expiredAt: null,
    versions: [
      { version: 1, submittedAt: bj('2026-11-16T10:00:00') },
      { version: 2, submittedAt: bj('2026-11-18T09:00:00') },
    ],
    callbacks: [
      { version: 1, stage: 'SUPPLEMENT', outcome: 'APPLIED', takenAt: bj('2026-11-17T10:00:00') },
      { version: 1, stage: 'ACCEPT', outcome: 'STALE', takenAt: bj('2026-11-17T11:00:00') },
      { version: 2, stage: 'ACCEPT', outcome: 'APPLIED', takenAt: bj('2026-11-18T10:00:00') },
    ],
  };

  it('a draft never submitted has no time limit', () => {
    expect(deriveFacts({ ...base, state: 'DRAFT', versions: [{ version: 1, submittedAt: null }], callbacks: [] })).toBeNull();
  });

  it('the clock starts at the first submission and pauses from the 补正补齐 take to the next submission; stale records count for nothing', () => {
    expect(deriveFacts(base)).toEqual({
      submittedAt: bj('2026-11-16T10:00:00'),
      acceptedAt: bj('2026-11-18T10:00:00'),
      pauses: [{ from: bj('2026-11-17T10:00:00'), to: bj('2026-11-18T09:00:00') }],
      stoppedAt: null,
      stopReason: null,
    });
  });

  it('a 补正 not answered yet is an open pause', () => {
    const waiting = { ...base, state: 'DRAFT', versions: [base.versions[0], { version: 2, submittedAt: null }], callbacks: [base.callbacks[0]] };
    expect(deriveFacts(waiting)?.pauses).toEqual([{ from: bj('2026-11-17T10:00:00'), to: null }]);
  });

  it('stops when the platform took the 办结, or when the 补正 draft expired', () => {
    const concluded = {
      ...base,
      state: 'CONCLUDED',
      concludedAt: bj('2026-11-19T08:00:00'),
      callbacks: [...base.callbacks, { version: 2, stage: 'CONCLUDE' as const, outcome: 'APPLIED', takenAt: bj('2026-11-19T08:00:05') }],
    };
    expect(deriveFacts(concluded)).toMatchObject({ stoppedAt: bj('2026-11-19T08:00:05'), stopReason: 'CONCLUDED' });
    const expired = { ...base, state: 'EXPIRED', expiredAt: bj('2026-11-25T00:05:00'), callbacks: [base.callbacks[0]], versions: [base.versions[0]] };
    expect(deriveFacts(expired)).toMatchObject({ stoppedAt: bj('2026-11-25T00:05:00'), stopReason: 'EXPIRED' });
  });
});

describe('the yellow card before a holiday', () => {
  it('comes on the morning of the last working day, not on the eve of the holiday', () => {
    // Monday 28 Sep, 3 days: 29, 30 Sep, 8 Oct. With one working day left from the end of 30 Sep, the card is due 8 Oct 00:00.
    const v = evaluateDeadline(cal, facts('2026-09-28T09:00:00', 3, 15), ONE_DAY, bj('2026-10-02T12:00:00'));
    expect(iso(v.warnAt)).toBe('2026-10-08T00:00:00.000');
    expect(v.state).toBe('NORMAL');
  });
});
