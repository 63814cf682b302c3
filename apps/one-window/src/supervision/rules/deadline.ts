import { beijingDay, DAY_MS, dayKey, dayStart, HolidayCalendar } from './holiday-calendar';
import { ceilToMidnight, Interval, nextMidnight, WorkingClock } from './working-time';

/**
 * The time-limit rules of one application (docs/time-limits.md):
 * - the clock starts on the day after the first submission (期间开始的当日不计入): a limit of n
 *   working days ends at 24:00 (Beijing) of the n-th working day after the day of submission;
 *   a limit of 0 (即办件) ends at 24:00 of the day of submission;
 * - it pauses from the department's 补正补齐 (taken by the platform) until the next version is
 *   submitted, and stops at 办结 (or when the 补正 draft expired);
 * - a pause moves the deadline by the working time it covered, rounded up to the end of that day;
 * - NORMAL → WARNING (黄牌) when at most the warning margin of working time is left →
 *   OVERDUE (红牌) once the promised deadline has passed; the legal deadline is tracked apart.
 */

export type DeadlineState = 'NORMAL' | 'WARNING' | 'OVERDUE';
export const DEADLINE_STATES: readonly DeadlineState[] = ['NORMAL', 'WARNING', 'OVERDUE'];
export const DEADLINE_STATE_LABEL: Record<DeadlineState, string> = { NORMAL: '正常', WARNING: '黄牌预警', OVERDUE: '红牌逾期' };

export type StopReason = 'CONCLUDED' | 'EXPIRED';

/** What the supervision needs to know of an application, taken from one-window's own records. */
export interface DeadlineFacts {
  /** when version 1 was submitted: the clock's origin */
  submittedAt: Date;
  promisedDays: number;
  legalDays: number;
  /** 补正补齐 waits; `to` null while the next version is not submitted yet */
  pauses: { from: Date; to: Date | null }[];
  /** 办结 (or the expiry of the 补正 draft); null while open */
  stoppedAt: Date | null;
  stopReason: StopReason | null;
}

/** When the yellow card comes: at most `days` working days left, or at most `fraction` of the promised limit left (0 = not used). */
export interface WarnPolicy {
  days: number;
  fraction: number;
}

export interface DeadlineView {
  clockStartAt: Date;
  /** the last instant (23:59:59.999 Beijing) of the promised / legal limit */
  promisedDueAt: Date;
  legalDueAt: Date;
  /** the Beijing date of that last day */
  promisedDueDate: string;
  legalDueDate: string;
  state: DeadlineState;
  /** when the yellow card was (or will be) due; null when the policy gives none */
  warnAt: Date | null;
  /** the first overdue instant (promisedDueAt + 1 ms) */
  overdueAt: Date;
  legalExceeded: boolean;
  legalExceededAt: Date;
  /** working time inside the pauses, up to the evaluation time */
  pausedWorkingMs: number;
  /** waiting for 补正补齐 right now */
  paused: boolean;
  closed: boolean;
  stoppedAt: Date | null;
  stopReason: StopReason | null;
  /** working days begun since the promised deadline (at least 1 once overdue), else 0 */
  overdueWorkingDays: number;
  /** the instant the view was evaluated at: now, or the stop */
  evaluatedAt: Date;
  /** when the view may change next without new facts (null once closed) */
  nextCheckAt: Date | null;
}

export function evaluateDeadline(cal: HolidayCalendar, facts: DeadlineFacts, policy: WarnPolicy, now: Date): DeadlineView {
  const submitted = facts.submittedAt.getTime();
  const start = dayStart(beijingDay(submitted) + 1);
  const stop = facts.stoppedAt ? Math.max(facts.stoppedAt.getTime(), submitted) : null;
  const t = stop !== null ? Math.min(stop, now.getTime()) : now.getTime();
  const closed = stop !== null && stop <= now.getTime();
  // an open pause runs until the evaluation time; what comes after is unknown yet
  const pauses: Interval[] = facts.pauses.map((p) => ({ from: p.from.getTime(), to: Math.min(p.to?.getTime() ?? t, t) })).filter((p) => p.to > p.from);
  const paused = facts.pauses.some((p) => p.from.getTime() <= t && (p.to === null || p.to.getTime() > t)) && !closed;
  const clock = new WorkingClock(cal, start, pauses);
  const pausedWorkingMs = new WorkingClock(cal, start).used(t) - clock.used(t);

  const dueEnd = (days: number) => (days <= 0 ? start : ceilToMidnight(clock.reach(days * DAY_MS)));
  const promisedEnd = dueEnd(facts.promisedDays);
  const legalEnd = dueEnd(Math.max(facts.legalDays, facts.promisedDays));

  const margin = Math.max(policy.days * DAY_MS, policy.fraction * facts.promisedDays * DAY_MS);
  const warnFrom = margin > 0 ? clock.reach(Math.max(0, clock.used(promisedEnd) - margin), true) : null;
  // no yellow card that would come only with the red one (即办件: the limit ends when the clock starts)
  const warnAt = warnFrom !== null && warnFrom < promisedEnd ? warnFrom : null;

  const state: DeadlineState = t >= promisedEnd ? 'OVERDUE' : warnAt !== null && t >= warnAt ? 'WARNING' : 'NORMAL';
  const overdueWorkingDays = state === 'OVERDUE' ? Math.max(1, Math.ceil((clock.used(t) - clock.used(promisedEnd)) / DAY_MS)) : 0;

  let nextCheckAt: number | null = null;
  if (!closed) {
    const due = [warnAt, promisedEnd, legalEnd].filter((x): x is number => x !== null && x > t);
    // a paused clock moves its deadline day by day; an overdue one counts its days
    if (paused || state === 'OVERDUE') due.push(nextMidnight(t));
    if (stop !== null) due.push(stop);
    nextCheckAt = due.length ? Math.min(...due) : null;
  }

  return {
    clockStartAt: new Date(start),
    promisedDueAt: new Date(promisedEnd - 1),
    legalDueAt: new Date(legalEnd - 1),
    promisedDueDate: dayKey(beijingDay(promisedEnd - 1)),
    legalDueDate: dayKey(beijingDay(legalEnd - 1)),
    state,
    warnAt: warnAt === null ? null : new Date(warnAt),
    overdueAt: new Date(promisedEnd),
    legalExceeded: t >= legalEnd,
    legalExceededAt: new Date(legalEnd),
    pausedWorkingMs,
    paused,
    closed,
    stoppedAt: closed && stop !== null ? new Date(stop) : null,
    stopReason: closed ? facts.stopReason : null,
    overdueWorkingDays,
    evaluatedAt: new Date(t),
    nextCheckAt: nextCheckAt === null ? null : new Date(nextCheckAt),
  };
}

/** What one-window stores of an application, as far as its time limit is concerned. */
export interface StoredApplication {
  state: string;
  concludedAt: Date | null;
  expiredAt: Date | null;
  versions: { version: number; submittedAt: Date | null }[];
  /** the callbacks the platform took (callback_inbox) */
  callbacks: { version: number; stage: 'SUPPLEMENT' | 'ACCEPT' | 'CONCLUDE'; outcome: string; takenAt: Date }[];
}

export interface DerivedFacts {
  submittedAt: Date;
  acceptedAt: Date | null;
  pauses: { from: Date; to: Date | null }[];
  stoppedAt: Date | null;
  stopReason: StopReason | null;
}

/**
 * The clock's inputs from the stored rows; null while version 1 has not been submitted (a draft
 * has no time limit yet). Only APPLIED callbacks count: a stale or refused record changed nothing.
 * Times are the platform's own (callback takenAt, version submittedAt), never the department's.
 */
export function deriveFacts(a: StoredApplication): DerivedFacts | null {
  const submittedOf = new Map(a.versions.map((v) => [v.version, v.submittedAt]));
  const first = [...a.versions].sort((x, y) => x.version - y.version).find((v) => v.submittedAt);
  if (!first?.submittedAt) return null;
  const applied = a.callbacks.filter((c) => c.outcome === 'APPLIED');
  const pauses = applied
    .filter((c) => c.stage === 'SUPPLEMENT')
    .sort((x, y) => x.takenAt.getTime() - y.takenAt.getTime())
    .map((c) => ({ from: c.takenAt, to: submittedOf.get(c.version + 1) ?? null }));
  const conclude = applied.find((c) => c.stage === 'CONCLUDE');
  const accept = applied.find((c) => c.stage === 'ACCEPT');
  let stoppedAt: Date | null = null;
  let stopReason: StopReason | null = null;
  if (conclude || a.state === 'CONCLUDED') {
    stoppedAt = conclude?.takenAt ?? a.concludedAt;
    stopReason = 'CONCLUDED';
  } else if (a.state === 'EXPIRED' && a.expiredAt) {
    stoppedAt = a.expiredAt;
    stopReason = 'EXPIRED';
  }
  return { submittedAt: first.submittedAt, acceptedAt: accept?.takenAt ?? null, pauses, stoppedAt, stopReason };
}
