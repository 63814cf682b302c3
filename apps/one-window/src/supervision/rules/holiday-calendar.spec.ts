import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarFileError, dayKey, HolidayCalendar, parseDayKey, parseHolidayCalendar } from './holiday-calendar';

const shipped = (): unknown => JSON.parse(readFileSync(join(__dirname, '..', 'calendar', 'holiday-calendar.json'), 'utf8'));
const day = (s: string) => parseDayKey(s)!;

describe('the holiday calendar', () => {
  const cal = parseHolidayCalendar(shipped());
  const working = (s: string) => cal.isWorkingDay(day(s));

  it('reads the shipped file: 2026 as published, 2027 as a projection to be checked', () => {
    expect(cal.years.map((y) => [y.year, y.status])).toEqual([
      [2026, 'published'],
      [2027, 'projected'],
    ]);
  });

  it('the 国庆 week of 2026: 1–7 October off, the 调休 Sunday 20 September and Saturday 10 October on', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) expect([d, working(d)]).toEqual([d, false]);
    expect(working('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(working('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(working('2026-10-08')).toBe(true);
    expect(working('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(working('2026-09-19')).toBe(false); // an ordinary Saturday
    expect(cal.describe(day('2026-10-10'))).toBe('国庆节调休上班');
    expect(cal.describe(day('2026-10-03'))).toBe('国庆节');
  });

  it('春节 2026 runs 15–23 February with the Saturdays 14 and 28 February worked', () => {
    expect(working('2026-02-13')).toBe(true);
    expect(working('2026-02-14')).toBe(true);
    for (let d = day('2026-02-15'); d <= day('2026-02-23'); d++) expect([dayKey(d), cal.isWorkingDay(d)]).toEqual([dayKey(d), false]);
    expect(working('2026-02-24')).toBe(true);
    expect(working('2026-02-28')).toBe(true);
  });

  it('outside the years of the file only weekends are off', () => {
    expect(cal.covers(day('2028-10-02'))).toBe(false);
    expect(working('2028-10-02')).toBe(true); // a Monday; 2028 is not in the file
    expect(working('2028-10-01')).toBe(false); // Sunday
    expect(HolidayCalendar.weekendsOnly().isWorkingDay(day('2026-10-01'))).toBe(true);
  });

  it('parses real dates only', () => {
    expect(parseDayKey('2026-02-29')).toBeUndefined();
    expect(parseDayKey('2026-2-01')).toBeUndefined();
    expect(parseDayKey(20260201)).toBeUndefined();
    expect(dayKey(day('2028-02-29'))).toBe('2028-02-29');
  });

  describe('refuses a malformed file, naming every bad entry', () => {
    const year = (patch: Record<string, unknown>) => ({ years: { '2026': { status: 'published', source: 'test', holidays: [], workdays: [], ...patch } } });
    const problems = (raw: unknown): string => {
      try {
        parseHolidayCalendar(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(CalendarFileError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };

    it('not an object with years', () => {
      expect(problems([])).toMatch(/"years"/);
      expect(problems({ years: [] })).toMatch(/"years"/);
    });

    it('bad keys, status and source', () => {
      expect(problems({ years: { '26': {} } })).toMatch(/years\.26: the key must be a year/);
      expect(problems(year({ status: 'maybe', source: '' }))).toMatch(/years\.2026\.status.*years\.2026\.source/);
    });

    it('a date that does not exist, one in another year, a reversed range', () => {
      expect(problems(year({ holidays: [{ name: '春节', from: '2026-02-30', to: '2026-03-01' }] }))).toMatch(
        /holidays\[0\] \(春节\): "from" and "to" must be real dates/,
      );
      expect(problems(year({ holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] }))).toMatch(/2027-01-01 is not in 2026/);
      expect(problems(year({ holidays: [{ name: '国庆节', from: '2026-10-07', to: '2026-10-01' }] }))).toMatch(/on or after "from"/);
      expect(problems(year({ holidays: [{ from: '2026-10-01', to: '2026-10-01' }] }))).toMatch(/needs a "name"/);
    });

    it('a 调休 working day on a weekday, or one that is also a holiday', () => {
      expect(problems(year({ workdays: [{ date: '2026-10-09', name: 'x' }] }))).toMatch(/2026-10-09 is a weekday/);
      expect(
        problems(year({ holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-10' }], workdays: [{ date: '2026-10-10', name: '国庆节调休上班' }] })),
      ).toMatch(/2026-10-10 is both a holiday \(国庆节\) and a 调休上班日/);
    });

    it('two problems at once are both named', () => {
      const msg = problems(year({ holidays: 'none', workdays: [{ date: 'soon' }] }));
      expect(msg).toMatch(/holidays: must be an array/);
      expect(msg).toMatch(/workdays\[0\]: "date" must be a real date/);
    });
  });
});
