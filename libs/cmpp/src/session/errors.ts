import { SUBMIT_RESULT_TEXT } from '../protocol/constants';

/** CONNECT refused: Status 3 is a bad secret, 2 an unknown SP id, 4 an unsupported version. */
export class CmppAuthError extends Error {
  constructor(
    readonly status: number,
    detail?: string,
  ) {
    super(detail ?? `gateway refused CONNECT with status ${status}`);
    this.name = 'CmppAuthError';
  }
}

/** The gateway answered a segment with a non-zero Result that is not worth retrying. */
export class CmppSubmitRejectedError extends Error {
  constructor(
    readonly key: string,
    readonly result: number,
    readonly acceptedSegments: number,
  ) {
    super(`SUBMIT of ${key} refused by the gateway: Result ${result} ${SUBMIT_RESULT_TEXT[result] ?? 'other error'}`);
    this.name = 'CmppSubmitRejectedError';
  }
}

/**
 * No SUBMIT_RESP after every resend. The outcome is UNKNOWN: the gateway may have accepted the
 * message and lost only the response. Never treat this as "not sent".
 */
export class CmppSubmitTimeoutError extends Error {
  constructor(
    readonly key: string,
    readonly attempts: number,
  ) {
    super(`SUBMIT of ${key} unanswered after ${attempts} attempts; outcome unknown`);
    this.name = 'CmppSubmitTimeoutError';
  }
}

/** The client was closed before the message was acknowledged (outcome unknown if it was in flight). */
export class CmppClosedError extends Error {
  constructor(readonly key: string) {
    super(`client closed before ${key} was acknowledged`);
    this.name = 'CmppClosedError';
  }
}

/** The same key was submitted with different recipients or text: a caller bug, refused. */
export class CmppKeyConflictError extends Error {
  constructor(readonly key: string) {
    super(`key ${key} was already used for a different message`);
    this.name = 'CmppKeyConflictError';
  }
}
