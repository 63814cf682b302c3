/**
 * CMPP time fields (Timestamp, Msg_Id, Submit_time/Done_time) are Beijing wall-clock time
 * (UTC+8, no daylight saving). We compute them from the UTC instant so the result does not depend
 * on the TZ of the process.
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

export function chinaWallClock(at: Date): WallClock {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** MMDDHHMMSS, the 10-digit form used by CONNECT. */
export function mmddhhmmss(at: Date): string {
  const w = chinaWallClock(at);
  return `${p2(w.month)}${p2(w.day)}${p2(w.hour)}${p2(w.minute)}${p2(w.second)}`;
}

/** YYMMDDHHMM, the 10-digit form of Submit_time / Done_time in a status report. */
export function yymmddhhmm(at: Date): string {
  const w = chinaWallClock(at);
  return `${p2(w.year % 100)}${p2(w.month)}${p2(w.day)}${p2(w.hour)}${p2(w.minute)}`;
}
