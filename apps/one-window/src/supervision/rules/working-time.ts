import { beijingDay, DAY_MS, dayStart, HolidayCalendar } from './holiday-calendar';

/** [from, to) in epoch milliseconds */
export interface Interval {
  from: number;
  to: number;
}

/** Spans longer than this are a bug in the inputs (a limit of ten years), not a deadline. */
const MAX_DAYS = 3660;

/**
 * The running clock of one application's time limit: time on working days of the calendar, from
 * `start` on, minus the pauses (补正补齐). Each working day counts 24 hours (DAY_MS), so
 * "n working days" is n × DAY_MS of clock time; non-working days and pauses add nothing.
 */
export class WorkingClock {
  private readonly pauses: Interval[];

  constructor(
    private readonly cal: HolidayCalendar,
    readonly start: number,
    pauses: readonly Interval[] = [],
  ) {
    this.pauses = mergeIntervals(pauses.map((p) => ({ from: Math.max(p.from, start), to: p.to })).filter((p) => p.to > p.from));
  }

  /** Clock time in [start, t). */
  used(t: number): number {
    let total = 0;
    this.walk((seg) => {
      if (seg.from >= t) return true;
      total += Math.min(seg.to, t) - seg.from;
      return seg.to >= t;
    });
    return total;
  }

  /**
   * The first instant at which the clock has run `x` (x ≥ 0). With `running`, the first instant
   * after which it runs on: where x falls at the end of a working stretch, the start of the next
   * one (the yellow card comes on the morning of the last working day, not the eve of a holiday).
   */
  reach(x: number, running = false): number {
    if (x <= 0 && !running) return this.start;
    let left = Math.max(0, x);
    let at = this.start;
    this.walk((seg) => {
      const len = seg.to - seg.from;
      if (running ? len > left : len >= left) {
        at = seg.from + left;
        return true;
      }
      left -= len;
      return false;
    });
    return at;
  }

  /** Calls `visit` with each running segment in order until it returns true. */
  private walk(visit: (seg: Interval) => boolean): void {
    const first = beijingDay(this.start);
    for (let day = first; day < first + MAX_DAYS; day++) {
      if (!this.cal.isWorkingDay(day)) continue;
      const seg = { from: Math.max(dayStart(day), this.start), to: dayStart(day + 1) };
      for (const part of subtract(seg, this.pauses)) if (visit(part)) return;
    }
    throw new Error(`working clock: more than ${MAX_DAYS} days from ${new Date(this.start).toISOString()}`);
  }
}

/** Working-day time (each working day 24 h) in [from, to): no pauses. */
export function workingMs(cal: HolidayCalendar, from: number, to: number): number {
  return to <= from ? 0 : new WorkingClock(cal, from).used(to);
}

/** The next Beijing midnight strictly after t. */
export function nextMidnight(t: number): number {
  return dayStart(beijingDay(t) + 1);
}

/** t itself when it is a Beijing midnight, else the next one. */
export function ceilToMidnight(t: number): number {
  return dayStart(beijingDay(t)) === t ? t : nextMidnight(t);
}

export { DAY_MS };

function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

/** seg minus the (sorted, disjoint) holes. */
function subtract(seg: Interval, holes: Interval[]): Interval[] {
  const out: Interval[] = [];
  let from = seg.from;
  for (const h of holes) {
    if (h.to <= from) continue;
    if (h.from >= seg.to) break;
    if (h.from > from) out.push({ from, to: h.from });
    from = Math.max(from, h.to);
    if (from >= seg.to) break;
  }
  if (from < seg.to) out.push({ from, to: seg.to });
  return out;
}
