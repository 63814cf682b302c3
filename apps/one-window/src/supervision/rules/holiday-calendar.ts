/**
 * The holiday calendar (法定节假日与调休) the time limits are counted in, and its file format
 * (docs/time-limits.md, "Calendar file"). A day is a working day when it is a 调休 make-up
 * working day, or a Monday–Friday that is not an official holiday. Days are Beijing dates.
 */

export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar day an instant falls in, as a day number (days since 1970-01-01). */
export function beijingDay(t: number): number {
  return Math.floor((t + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The instant a Beijing day begins (00:00 +08:00). */
export function dayStart(day: number): number {
  return day * DAY_MS - BEIJING_OFFSET_MS;
}

/** YYYY-MM-DD of a day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1 January 1970, day 0, was a Thursday) */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a YYYY-MM-DD date, or undefined when it is not a real date. */
export function parseDayKey(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = DATE.exec(s);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = t / DAY_MS;
  return dayKey(day) === s ? day : undefined;
}

export type YearStatus = 'published' | 'projected';

export interface CalendarYear {
  year: number;
  status: YearStatus;
  source: string;
}

export class HolidayCalendar {
  constructor(
    private readonly holidays: ReadonlyMap<number, string>,
    private readonly makeupWorkdays: ReadonlyMap<number, string>,
    readonly years: readonly CalendarYear[],
  ) {}

  /** A calendar of weekends only (no holidays known). */
  static weekendsOnly(): HolidayCalendar {
    return new HolidayCalendar(new Map(), new Map(), []);
  }

  isWorkingDay(day: number): boolean {
    if (this.makeupWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const w = weekday(day);
    return w !== 0 && w !== 6;
  }

  /** Whether the file describes the year of this day (outside it only weekends are off). */
  covers(day: number): boolean {
    const y = Number(dayKey(day).slice(0, 4));
    return this.years.some((c) => c.year === y);
  }

  /** What the day is, for people: 国庆节 / 国庆节调休上班 / undefined for an ordinary day. */
  describe(day: number): string | undefined {
    return this.makeupWorkdays.get(day) ?? this.holidays.get(day);
  }
}

export class CalendarFileError extends Error {}

const MAX_HOLIDAY_DAYS = 15;

/**
 * Reads the parsed JSON of a calendar file. Every problem is collected and reported at once
 * (a CalendarFileError naming each bad entry), so the operator fixes the file in one go.
 */
export function parseHolidayCalendar(raw: unknown): HolidayCalendar {
  const problems: string[] = [];
  const holidays = new Map<number, string>();
  const workdays = new Map<number, string>();
  const years: CalendarYear[] = [];
  if (!isObject(raw) || !isObject(raw.years)) throw new CalendarFileError('the file must be a JSON object with "years": { "2026": { … }, … }');
  for (const [key, value] of Object.entries(raw.years)) {
    const at = `years.${key}`;
    if (!/^(19|20|21)\d{2}$/.test(key)) {
      problems.push(`${at}: the key must be a year (YYYY)`);
      continue;
    }
    const year = Number(key);
    if (!isObject(value)) {
      problems.push(`${at}: must be an object with "status", "source", "holidays" and "workdays"`);
      continue;
    }
    if (value.status !== 'published' && value.status !== 'projected') problems.push(`${at}.status: must be "published" or "projected"`);
    if (typeof value.source !== 'string' || value.source.trim() === '') problems.push(`${at}.source: name where the arrangement comes from`);
    years.push({ year, status: value.status as YearStatus, source: String(value.source ?? '') });
    const inYear = (d: number) => dayKey(d).startsWith(key);
    if (!Array.isArray(value.holidays)) problems.push(`${at}.holidays: must be an array of { "name", "from", "to" }`);
    else
      value.holidays.forEach((h: unknown, i: number) => {
        const where = `${at}.holidays[${i}]`;
        if (!isObject(h) || typeof h.name !== 'string' || h.name.trim() === '') return problems.push(`${where}: needs a "name"`);
        const from = parseDayKey(h.from);
        const to = parseDayKey(h.to);
        if (from === undefined || to === undefined) return problems.push(`${where} (${h.name}): "from" and "to" must be real dates YYYY-MM-DD`);
        if (!inYear(from)) return problems.push(`${where} (${h.name}): ${dayKey(from)} is not in ${key}`);
        if (to < from || to - from + 1 > MAX_HOLIDAY_DAYS)
          return problems.push(`${where} (${h.name}): "to" must be on or after "from", at most ${MAX_HOLIDAY_DAYS} days`);
        for (let d = from; d <= to; d++) {
          if (holidays.has(d)) problems.push(`${where} (${h.name}): ${dayKey(d)} is already a holiday (${holidays.get(d)})`);
          holidays.set(d, h.name);
        }
      });
    if (!Array.isArray(value.workdays)) problems.push(`${at}.workdays: must be an array of { "date", "name" } (调休上班日; [] if none)`);
    else
      value.workdays.forEach((w: unknown, i: number) => {
        const where = `${at}.workdays[${i}]`;
        const d = isObject(w) ? parseDayKey(w.date) : undefined;
        if (!isObject(w) || d === undefined) return problems.push(`${where}: "date" must be a real date YYYY-MM-DD`);
        if (!inYear(d)) return problems.push(`${where}: ${dayKey(d)} is not in ${key}`);
        if (weekday(d) !== 0 && weekday(d) !== 6) return problems.push(`${where}: ${dayKey(d)} is a weekday; a 调休上班日 is a Saturday or Sunday`);
        if (workdays.has(d)) return problems.push(`${where}: ${dayKey(d)} is listed twice`);
        workdays.set(d, typeof w.name === 'string' && w.name ? w.name : '调休上班');
      });
  }
  for (const d of workdays.keys()) if (holidays.has(d)) problems.push(`${dayKey(d)} is both a holiday (${holidays.get(d)}) and a 调休上班日`);
  if (problems.length) throw new CalendarFileError(problems.join('; '));
  return new HolidayCalendar(
    holidays,
    workdays,
    years.sort((a, b) => a.year - b.year),
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
