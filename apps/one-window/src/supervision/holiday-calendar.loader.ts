import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HolidayCalendar, parseHolidayCalendar } from './rules/holiday-calendar';

const SHIPPED = join('apps', 'one-window', 'src', 'supervision', 'calendar', 'holiday-calendar.json');

/** The calendar file shipped with the project (found from src under ts-jest and from dist alike). */
export function shippedCalendarFile(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, SHIPPED))) return join(dir, SHIPPED);
    dir = dirname(dir);
  }
  throw new Error(`one-window: the shipped holiday calendar (${SHIPPED}) was not found`);
}

const loaded = new Map<string, HolidayCalendar>();

/**
 * Reads and checks HOLIDAY_CALENDAR_FILE (the shipped file when unset). Any problem is thrown as
 * an "Invalid configuration" error naming the variable, the file and every bad entry, so the
 * boot stops with it. Read once per file and process.
 */
export function loadHolidayCalendar(file?: string): HolidayCalendar {
  const path = file || shippedCalendarFile();
  const known = loaded.get(path);
  if (known) return known;
  const fail = (why: string): never => {
    throw new Error(`Invalid configuration:\n  HOLIDAY_CALENDAR_FILE=${JSON.stringify(path)}: ${why} (format: docs/time-limits.md, "Calendar file")`);
  };
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot be read: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`is not JSON: ${(e as Error).message}`);
  }
  let cal: HolidayCalendar | undefined;
  try {
    cal = parseHolidayCalendar(raw);
  } catch (e) {
    fail((e as Error).message);
  }
  loaded.set(path, cal!);
  return cal!;
}
