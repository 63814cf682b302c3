/** yyyymmdd in the +08:00 zone (the day part of work-order and downlink record numbers) */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
