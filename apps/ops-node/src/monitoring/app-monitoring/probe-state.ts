export type ProbeState = 'UP' | 'SLOW' | 'DOWN';

export const PROBE_STATE_VIEW: Record<ProbeState, { label: string; colour: 'green' | 'yellow' | 'red'; code: number }> = {
  UP: { label: '正常', colour: 'green', code: 0 },
  SLOW: { label: '缓慢', colour: 'yellow', code: 1 },
  DOWN: { label: '中断', colour: 'red', code: 2 },
};

/**
 * The colour of one probe: no answer (refused, timed out) or a 5xx is down; an answer slower than
 * the system's latency threshold is slow. A 4xx still means the system answers (e.g. a login wall).
 */
export function classifyProbe(r: { httpStatus: number | null; latencyMs: number | null }, slowMs: number): ProbeState {
  if (r.httpStatus === null || r.httpStatus >= 500) return 'DOWN';
  return r.latencyMs !== null && r.latencyMs > slowMs ? 'SLOW' : 'UP';
}
