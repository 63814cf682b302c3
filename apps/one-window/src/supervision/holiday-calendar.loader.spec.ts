import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOneWindowConfig } from '../config/one-window.config';
import { loadHolidayCalendar, shippedCalendarFile } from './holiday-calendar.loader';

const file = (text: string): string => {
  const f = join(mkdtempSync(join(tmpdir(), 'ow-calendar-')), 'calendar.json');
  writeFileSync(f, text);
  return f;
};

describe('HOLIDAY_CALENDAR_FILE at boot', () => {
  it('uses the shipped calendar when unset', () => {
    expect(shippedCalendarFile()).toMatch(/supervision[/\\]calendar[/\\]holiday-calendar\.json$/);
    expect(loadHolidayCalendar().years.map((y) => y.year)).toEqual([2026, 2027]);
  });

  it('stops the boot with the variable, the file and the bad entry named', () => {
    const bad = file(JSON.stringify({ years: { '2026': { status: 'published', source: 'x', holidays: [], workdays: [{ date: '2026-10-09' }] } } }));
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', HOLIDAY_CALENDAR_FILE: bad })).toThrow(
      new RegExp(
        `Invalid configuration:\\n  HOLIDAY_CALENDAR_FILE="${bad.replace(/[\\/.]/g, (c) => `\\${c}`)}": years\\.2026\\.workdays\\[0\\]: 2026-10-09 is a weekday`,
      ),
    );
  });

  it('names a file that is not JSON or missing', () => {
    expect(() => loadHolidayCalendar(file('{ "years": '))).toThrow(/HOLIDAY_CALENDAR_FILE=.*is not JSON/);
    expect(() => loadHolidayCalendar('/nonexistent/calendar.json')).toThrow(/HOLIDAY_CALENDAR_FILE="\/nonexistent\/calendar\.json": cannot be read/);
  });

  it('accepts an operator file of its own', () => {
    const own = file(
      JSON.stringify({
        years: { '2028': { status: 'published', source: '国办发明电', holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }], workdays: [] } },
      }),
    );
    expect(loadOneWindowConfig({ APP_MODE: 'development', HOLIDAY_CALENDAR_FILE: own }).config.HOLIDAY_CALENDAR_FILE).toBe(own);
    expect(loadHolidayCalendar(own).years).toEqual([{ year: 2028, status: 'published', source: '国办发明电' }]);
  });
});
