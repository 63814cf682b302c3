/** ISO 8601 with milliseconds in Beijing time (+08:00): how every API of the project shows a time. */
export function toBeijingIso(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 23)}+08:00`;
}

/** HH:mm in Beijing time, for messages shown to people. */
export function beijingHourMinute(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

/**
 * A JSON replacer (Express `json replacer`) that writes every Date as toBeijingIso does, so an
 * app whose handlers answer Date objects answers +08:00 without converting each DTO. JSON.stringify
 * calls Date#toJSON before the replacer, so the original value is read from the holder.
 */
export function beijingJsonReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown> | null)?.[key];
  return raw instanceof Date && !Number.isNaN(raw.getTime()) ? toBeijingIso(raw) : value;
}
