/**
 * The SLA targets of work orders per ops level (运维级别 1–4), parsed from WORK_ORDER_SLA at boot: shared
 * by the config (validation) and the work-orders feature (docs/work-order-states.md#sla-clocks).
 */

export interface SlaTarget {
  respondSeconds: number;
  resolveSeconds: number;
}

/**
 * The default targets per ops level, from the seeds: a response within 10–30 minutes, a general fault
 * fixed within 30 minutes, an on-site repair within 2 hours (30 minutes to arrive).
 */
export const DEFAULT_SLA = '1:600/1800,2:900/3600,3:1200/7200,4:1800/7200';

/** Parses `level:respond/resolve,…` (seconds); every level 1–4 once. Throws a message naming the problem. */
export function parseSlaTable(spec: string): Record<number, SlaTarget> {
  const out: Record<number, SlaTarget> = {};
  for (const part of spec.split(',').map((p) => p.trim())) {
    const m = /^([1-4])\s*:\s*(\d{1,7})\s*\/\s*(\d{1,7})$/.exec(part);
    if (!m) throw new Error(`bad entry ${JSON.stringify(part)} (expected level:respondSeconds/resolveSeconds, level 1–4)`);
    const [level, respond, resolve] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (out[level]) throw new Error(`level ${level} given twice`);
    if (respond < 1 || resolve < 1) throw new Error(`level ${level}: targets must be at least one second`);
    if (resolve < respond) throw new Error(`level ${level}: the resolve target is shorter than the respond target`);
    out[level] = { respondSeconds: respond, resolveSeconds: resolve };
  }
  for (const l of [1, 2, 3, 4]) if (!out[l]) throw new Error(`level ${l} missing`);
  return out;
}
