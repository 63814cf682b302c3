/** One operator setting: '' stands for "every resource" / "every metric". */
export interface IntervalSetting {
  resourceId: string;
  metric: string;
  intervalSeconds: number;
}

/**
 * Which interval applies to a series: resource+metric, then resource, then metric, then the
 * default. Pure; the scheduler keeps one table and swaps it when an operator changes a setting.
 */
export class IntervalTable {
  private readonly map = new Map<string, number>();

  constructor(
    readonly defaultSeconds: number,
    settings: IntervalSetting[],
  ) {
    for (const s of settings) this.map.set(`${s.resourceId}|${s.metric}`, s.intervalSeconds);
  }

  intervalOf(resourceId: string, metric: string): number {
    return this.map.get(`${resourceId}|${metric}`) ?? this.map.get(`${resourceId}|`) ?? this.map.get(`|${metric}`) ?? this.defaultSeconds;
  }
}

/** Remembers when each (resource, metric) was last sampled and answers "is it due?" for a tick. */
export class DueTracker {
  private readonly last = new Map<string, number>();

  /** Due when never sampled, or when the interval has passed (less half a tick, so a 1 s tick keeps a 15 s interval at 15 s). */
  isDue(table: IntervalTable, resourceId: string, metric: string, nowMs: number, tickMs: number): boolean {
    const interval = table.intervalOf(resourceId, metric);
    if (interval <= 0) return false;
    const last = this.last.get(`${resourceId}|${metric}`);
    return last === undefined || nowMs - last >= interval * 1000 - tickMs / 2;
  }

  /** Whether a collector that produces these keys has anything due (unknown keys are due). */
  anyDue(table: IntervalTable, keys: { resourceId: string; metric: string }[] | undefined, nowMs: number, tickMs: number): boolean {
    if (!keys || !keys.length) return true;
    return keys.some((k) => this.isDue(table, k.resourceId, k.metric, nowMs, tickMs));
  }

  mark(resourceId: string, metric: string, nowMs: number): void {
    this.last.set(`${resourceId}|${metric}`, nowMs);
  }
}
