/**
 * SLA clocks of a work order (pure). Two clocks per order, from its creation: time to respond (until
 * it is first assigned or taken — 受理/分派/分解) and time to resolve (until 解决), the latter paused
 * while the order waits (挂起等待) and while it is resolved (a reopen resumes it). Each clock has a
 * warning at 75 % and a breach at 100 % of the target of the order's ops level (运维级别 1–4), taken
 * from WORK_ORDER_SLA when the order is created (docs/work-order-states.md#sla-clocks).
 */

export type SlaClock = 'RESPOND' | 'RESOLVE';
export type SlaThreshold = 'WARNING' | 'BREACH';
/** OK: running, under 75 %; WARNING / BREACHED: past 75 % / 100 %; MET: stopped in time; MISSED: stopped late. */
export type SlaStatus = 'OK' | 'WARNING' | 'BREACHED' | 'MET' | 'MISSED';

export const SLA_WARNING_RATIO = 0.75;

/** What the clocks read of an order. */
export interface SlaSubject {
  created_at: Date;
  responded_at: Date | null;
  resolved_at: Date | null;
  respond_target_s: number;
  resolve_target_s: number;
  clock_paused_ms: number | string;
  clock_paused_since: Date | null;
  respond_warned_at: Date | null;
  respond_breached_at: Date | null;
  resolve_warned_at: Date | null;
  resolve_breached_at: Date | null;
}

export interface SlaClockView {
  targetSeconds: number;
  elapsedSeconds: number;
  /** elapsed over target, in percent (one decimal) */
  percent: number;
  status: SlaStatus;
  running: boolean;
  paused: boolean;
}

const ms = (d: Date) => d.getTime();

/** Milliseconds the resolve clock has run at `now`: created → now (or the start of the current pause), less the earlier pauses. */
export function resolveElapsedMs(o: SlaSubject, now: Date): number {
  const end = o.clock_paused_since ? ms(o.clock_paused_since) : ms(now);
  return Math.max(0, end - ms(o.created_at) - Number(o.clock_paused_ms));
}

export function respondElapsedMs(o: SlaSubject, now: Date): number {
  return Math.max(0, ms(o.responded_at ?? now) - ms(o.created_at));
}

function view(elapsedMs: number, targetS: number, stopped: boolean, paused: boolean): SlaClockView {
  const ratio = elapsedMs / (targetS * 1000);
  const status: SlaStatus = stopped ? (ratio <= 1 ? 'MET' : 'MISSED') : ratio >= 1 ? 'BREACHED' : ratio >= SLA_WARNING_RATIO ? 'WARNING' : 'OK';
  return {
    targetSeconds: targetS,
    elapsedSeconds: Math.floor(elapsedMs / 1000),
    percent: Math.round(ratio * 1000) / 10,
    status,
    running: !stopped && !paused,
    paused,
  };
}

/** Both clocks as the API and the console show them. A resolved order's resolve clock is stopped (MET/MISSED) until a reopen. */
export function slaClocks(o: SlaSubject, now: Date, closedOrResolved: boolean): { respond: SlaClockView; resolve: SlaClockView } {
  return {
    respond: view(respondElapsedMs(o, now), Number(o.respond_target_s), o.responded_at !== null, false),
    resolve: view(resolveElapsedMs(o, now), Number(o.resolve_target_s), closedOrResolved, o.clock_paused_since !== null && !closedOrResolved),
  };
}

/** The thresholds reached at `now` and not yet marked, in the order they are due (warning before breach). */
export function dueThresholds(o: SlaSubject, now: Date, open: boolean): { clock: SlaClock; threshold: SlaThreshold; percent: number }[] {
  const out: { clock: SlaClock; threshold: SlaThreshold; percent: number }[] = [];
  if (!open) return out;
  const check = (clock: SlaClock, elapsed: number, targetS: number, warned: Date | null, breached: Date | null, running: boolean) => {
    if (!running) return;
    const ratio = elapsed / (targetS * 1000);
    const percent = Math.round(ratio * 1000) / 10;
    if (ratio >= SLA_WARNING_RATIO && !warned) out.push({ clock, threshold: 'WARNING', percent });
    if (ratio >= 1 && !breached) out.push({ clock, threshold: 'BREACH', percent });
  };
  check('RESPOND', respondElapsedMs(o, now), Number(o.respond_target_s), o.respond_warned_at, o.respond_breached_at, o.responded_at === null);
  check('RESOLVE', resolveElapsedMs(o, now), Number(o.resolve_target_s), o.resolve_warned_at, o.resolve_breached_at, o.resolved_at === null);
  return out;
}

/** The column that marks a threshold of a clock (the job sets it once, with the alert, in one transaction). */
export function markColumn(
  clock: SlaClock,
  threshold: SlaThreshold,
): 'respond_warned_at' | 'respond_breached_at' | 'resolve_warned_at' | 'resolve_breached_at' {
  return `${clock === 'RESPOND' ? 'respond' : 'resolve'}_${threshold === 'WARNING' ? 'warned' : 'breached'}_at`;
}

/** Whether a reopen at `now` is still inside the window after the resolution. */
export function withinReopenWindow(resolvedAt: Date | null, now: Date, windowSeconds: number): boolean {
  return resolvedAt !== null && ms(now) - ms(resolvedAt) <= windowSeconds * 1000;
}
