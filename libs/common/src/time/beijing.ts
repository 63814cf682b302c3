/** ISO 8601 with milliseconds in Beijing time (+08:00): how every API of the project shows a time. */
export function toBeijingIso(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 23)}+08:00`;
}

/** HH:mm in Beijing time, for messages shown to people. */
export function beijingHourMinute(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}
