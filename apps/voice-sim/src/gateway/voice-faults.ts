export interface VoiceFaults {
  /** the gateway refuses every API call with 503 (网关故障) */
  down: boolean;
  /** callees that let it ring out (无人接听) */
  noAnswer: string[];
  /** callees whose line is busy (占线) */
  busy: string[];
  /** 0..1 share of the other calls that fail to set up (呼叫失败) */
  failureRate: number;
  /** time from request to outcome for new calls, ms; null: the configured default */
  callDelayMs: number | null;
}

export const NO_FAULTS: VoiceFaults = { down: false, noAnswer: [], busy: [], failureRate: 0, callDelayMs: null };
