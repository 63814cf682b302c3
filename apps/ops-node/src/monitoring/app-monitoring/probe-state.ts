export type ProbeState = 'UP' | 'SLOW' | 'DOWN';

export const PROBE_STATE_VIEW: Record<ProbeState, { label: string; colour: 'green' | 'yellow' | 'red'; code: number }> = {
  UP: { label: '正常', colour: 'green', code: 0 },
  SLOW: { label: '缓慢', colour: 'yellow', code: 1 },
  DOWN: { label: '中断', colour: 'red', code: 2 },
};

/**
 * The colour of one probe: no answer (refused, timed out) or an answer outside the expected statuses
 * (2xx and 3xx by default: a 404 means the probe path is wrong or the system lost its routes, a 5xx that
 * it fails) is down; an expected answer slower than the system's latency threshold is slow.
 */
export function classifyProbe(
  r: { httpStatus: number | null; latencyMs: number | null },
  slowMs: number,
  expected: (status: number) => boolean = isExpectedStatus,
): ProbeState {
  if (r.httpStatus === null || !expected(r.httpStatus)) return 'DOWN';
  return r.latencyMs !== null && r.latencyMs > slowMs ? 'SLOW' : 'UP';
}

/** The statuses a probe counts as up by default: 2xx and 3xx (a redirect is an answer; it is never followed). */
export function isExpectedStatus(status: number): boolean {
  return status >= 200 && status < 400;
}

/** APP_PROBE_UP_STATUSES ("200-299,401") as a test of one status (the format is checked at boot). */
export function expectedStatuses(spec: string): (status: number) => boolean {
  const ranges = spec.split(',').map((part) => {
    const [lo, hi] = part.split('-').map((x) => Number(x.trim()));
    return [lo, hi ?? lo] as const;
  });
  return (status) => ranges.some(([lo, hi]) => status >= lo && status <= hi);
}
