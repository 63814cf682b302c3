/** What the client needs from a logger: structured objects, one per event. JsonLogger fits. */
export interface CmppLogger {
  log(message: object): void;
  warn(message: object): void;
  error(message: object): void;
}

export const silentLogger: CmppLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface CmppClientOptions {
  host: string;
  port: number;
  /** Source_Addr of CONNECT and Msg_src of SUBMIT: the SP id (企业代码), at most 6 characters */
  spId: string;
  /** shared secret agreed with the carrier */
  secret: string;
  /** Src_Id: the SP access number the handset shows as sender (e.g. 1069xxxx), at most 21 digits */
  srcId: string;
  /** Service_Id of SUBMIT (业务代码), at most 10 characters; default empty */
  serviceId?: string;
  /** unanswered SUBMITs allowed at once (the protocol recommends 16); default 16 */
  window?: number;
  /** how long to wait for a response before resending; default 10 s */
  responseTimeoutMs?: number;
  /** resends of one SUBMIT after a response timeout before it fails; default 2 */
  maxResends?: number;
  /** send ACTIVE_TEST after this long without receiving anything; default 30 s */
  idleMs?: number;
  /** unanswered ACTIVE_TESTs in a row after which the link is declared dead; default 3 */
  heartbeatMaxMisses?: number;
  /** TCP connect + CONNECT_RESP deadline; default 10 s */
  connectTimeoutMs?: number;
  /** reconnect backoff: first delay and cap; defaults 500 ms and 30 s */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** pause after a flow-control refusal (Result 8); the refused segment waits this long, doubling per refusal up to 32×; default 1 s */
  flowControlDelayMs?: number;
  /** flow-control refusals of one segment before the message fails; default 30 */
  maxFlowControlRetries?: number;
  /** longest message accepted, in segments; default 10 */
  maxSegments?: number;
  /** completed caller keys remembered (submit with a remembered key returns the earlier result); default 10 000 */
  rememberKeys?: number;
  logger?: CmppLogger;
  /** clock for CONNECT timestamps */
  now?: () => Date;
}

export interface SubmitRequest {
  /** the caller's idempotency key, e.g. `${alertId}:${recipient}`: one key is sent at most once per client */
  key: string;
  /** recipients (MSISDN), 1..100; all receive the same message in one SUBMIT per segment */
  to: string[];
  text: string;
  /** ask the gateway for a status report (Registered_Delivery = 1) */
  requestReport: boolean;
}

export interface SubmittedSegment {
  /** Msg_Id assigned by the gateway, as an unsigned decimal string */
  msgId: string;
  /** Pk_number, 1-based */
  seq: number;
}

export interface SubmitOutcome {
  key: string;
  segments: SubmittedSegment[];
  /** true when the key had already been submitted and this is the remembered earlier outcome */
  replayed: boolean;
}

export interface CmppReport {
  msgId: string;
  /** DELIVRD, EXPIRED, UNDELIV, … */
  stat: string;
  delivered: boolean;
  /** the recipient the report is about (Dest_terminal_Id) */
  to: string;
  submitTime: string;
  doneTime: string;
  smscSequence: number;
  /** the caller key and segment number of the SUBMIT with this Msg_Id, when this client still remembers it */
  key?: string;
  seq?: number;
}

export interface CmppMoMessage {
  msgId: string;
  from: string;
  to: string;
  serviceId: string;
  text: string;
}

export interface CmppClientEvents {
  connected: [{ reconnect: boolean }];
  disconnected: [{ reason: string; unanswered: number }];
  /** one per segment, on its SUBMIT_RESP with Result 0 */
  submitted: [{ key: string; msgId: string; seq: number; total: number; to: string[] }];
  report: [CmppReport];
  deliver: [CmppMoMessage];
  /** a reconnect attempt was refused by the gateway (bad secret, unknown SP); retried with backoff */
  authFailed: [{ status: number }];
}

export interface CmppClientStats {
  state: string;
  inFlight: number;
  queued: number;
  /** the highest number of unanswered SUBMITs ever observed (never above the window) */
  maxInFlight: number;
  submitsSent: number;
  resends: number;
  /** unanswered SUBMITs put back in the queue after a connection loss */
  requeuedAfterDisconnect: number;
  flowControlRetries: number;
  connects: number;
  activeTestsSent: number;
  activeTestsAnswered: number;
  reportsReceived: number;
  duplicateReports: number;
}
