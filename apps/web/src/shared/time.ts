/** Every time on every screen is shown in Beijing time (UTC+8), whatever the browser's zone. */
const FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-12-02 22:31:05` for an ISO 8601 instant; '—' for none; the text itself when it is not a time. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = Object.fromEntries(FORMAT.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `2026-12-02`: the Beijing calendar day of an ISO 8601 instant; '—' for none. */
export function beijingDate(iso: string | null | undefined): string {
  const t = beijingTime(iso);
  return /^\d{4}-\d\d-\d\d /.test(t) ? t.slice(0, 10) : t;
}
