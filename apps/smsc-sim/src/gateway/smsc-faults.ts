/**
 * Faults the simulated gateway can inject, changed at runtime through PUT /sim/faults or set at
 * boot with SMSC_FAULTS. Every field has a harmless default (no fault).
 */
export interface SmscFaults {
  /** 0..1: share of SUBMITs discarded as if never received (no store, no answer) */
  dropSubmitRate: number;
  /** 0..1: share of SUBMITs stored and then left unanswered (the answer is "lost"): a resend makes a duplicate */
  loseResponseRate: number;
  /** delay before each SUBMIT_RESP (a slow gateway) */
  responseDelayMs: number;
  /** delay between accepting a SUBMIT and sending its status report */
  reportDelayMs: number;
  /** 0..1: share of status reports sent twice */
  duplicateReportRate: number;
  /** Stat to report for given recipients instead of DELIVRD, e.g. { "13900000001": "UNDELIV" } */
  statusByNumber: Record<string, string>;
  /** one-shot: after this many more SUBMITs, drop the connection on the next one (answers not yet sent are lost, and those SUBMITs are not stored) */
  disconnectAfterSubmits: number | null;
  /** SUBMITs per second accepted per connection; above it, Result 8 (flow control) */
  flowControlPerSec: number | null;
}

export function defaultFaults(reportDelayMs: number): SmscFaults {
  return {
    dropSubmitRate: 0,
    loseResponseRate: 0,
    responseDelayMs: 0,
    reportDelayMs,
    duplicateReportRate: 0,
    statusByNumber: {},
    disconnectAfterSubmits: null,
    flowControlPerSec: null,
  };
}

const TERMINAL = /^\+?\d{1,20}$/;
const STAT = /^[\x21-\x7e]{1,7}$/;

/** Checks a status-by-number map; returns an error text or null. */
export function statusByNumberProblem(map: unknown): string | null {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return 'statusByNumber must be an object of number → Stat';
  for (const [k, v] of Object.entries(map)) {
    if (!TERMINAL.test(k)) return `statusByNumber: "${k}" is not a terminal number`;
    if (typeof v !== 'string' || !STAT.test(v)) return `statusByNumber[${k}]: Stat must be 1..7 printable ASCII characters (e.g. UNDELIV)`;
  }
  return null;
}
