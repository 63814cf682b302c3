import { ReturnCode } from '@app/common';

/**
 * What the platform does with a department's answer to NotifyAcceptance (documented in
 * docs/exchange-contract.md, "How the platform treats the answers to NotifyAcceptance"):
 *  - settled:  the department has the record or has ruled on it — outbox NOTIFIED;
 *  - retry:    the outcome is unknown or may change — resent with backoff, after
 *              DISPATCH_MAX_NOTIFY_ATTEMPTS left to the department's scan (UNNOTIFIED);
 *  - give-up:  the department refuses this message as such, so resending it cannot help —
 *              UNNOTIFIED at once (logged as an error), left to the department's scan.
 * Whatever the verdict, a row whose acceptance the department has taken (its TAKEN shadow
 * row exists) is settled as TAKEN: the scan superseded the notification.
 */
export type AnswerVerdict = 'settled' | 'retry' | 'give-up';

const SETTLED = new Set<string>([
  ReturnCode.OK,
  ReturnCode.DUPLICATE,
  ReturnCode.STALE_VERSION,
  ReturnCode.DEFERRED, // the department holds the record (another of its takers has it locked) and its scan finishes
  ReturnCode.ILLEGAL_TRANSITION,
  ReturnCode.CALLBACK_INVALID,
  ReturnCode.RESULT_FILE_DIGEST_MISMATCH,
]);

const RETRY = new Set<string>([
  ReturnCode.AUTH_FAILED, // a credential or clock being fixed; each attempt is signed anew
  ReturnCode.RECORD_NOT_IN_FRONT_DB, // not visible to the department yet (replication lag, a read replica)
]);

/** The verdict on one item's code (or on a whole-call SOAP Fault / JSON error code). */
export function judgeAcceptanceAnswer(code: string | undefined): AnswerVerdict {
  if (code === undefined) return 'retry';
  if (SETTLED.has(code)) return 'settled';
  if (RETRY.has(code) || code.startsWith('5')) return 'retry';
  return 'give-up'; // 1002–1008, 2001, 2004–2007, 3xxx, or a code outside the table
}

/** The verdict on a call that produced no per-item answers. */
export function judgeCallFailure(err: { kind?: string; code?: string }): AnswerVerdict {
  // no answer, a transport error or an HTTP error without a code of the table: outcome unknown
  if (err.kind !== 'fault' || err.code === undefined) return 'retry';
  const v = judgeAcceptanceAnswer(err.code);
  return v === 'settled' ? 'retry' : v; // a Fault never settles a record
}
