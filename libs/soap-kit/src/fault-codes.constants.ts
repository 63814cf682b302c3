import { RETURN_CODES, ReturnCode } from '@app/common';
/** Error codes carried in `<ex:code>` of every Fault the kit emits. */
export const FAULT_NS = 'urn:gov-exchange:fault:v1';

export type FaultSide = 'client' | 'server';

export interface FaultCodeInfo {
  readonly code: string;
  readonly userMessage: string;
  readonly side: FaultSide;
  /** HTTP status used when the kit itself rejects the request. */
  readonly httpStatus: number;
}

const def = (code: ReturnCode, side: FaultSide, httpStatus: number, userMessage: string = RETURN_CODES[code].message): FaultCodeInfo =>
  Object.freeze({ code, userMessage, side, httpStatus });

/** The kit speaks the exchange's published return-code table (libs/common, docs/return-codes.md). */
export const FAULTS = Object.freeze({
  AUTH_FAILED: def(ReturnCode.AUTH_FAILED, 'client', 500),
  BAD_REQUEST: def(ReturnCode.MALFORMED_MESSAGE, 'client', 500),
  FORBIDDEN_DTD: def(ReturnCode.MALFORMED_MESSAGE, 'client', 500, '报文格式错误：不允许包含 DTD'),
  BODY_TOO_LARGE: def(ReturnCode.MESSAGE_TOO_LARGE, 'client', 413),
  UNSUPPORTED_MEDIA: def(ReturnCode.UNSUPPORTED_ENCODING, 'client', 415),
  BAD_ENCODING: def(ReturnCode.MALFORMED_MESSAGE, 'client', 400, '报文格式错误：内容编码与声明不符'),
  UNKNOWN_OPERATION: def(ReturnCode.UNKNOWN_OPERATION, 'client', 500),
  INTERNAL: def(ReturnCode.INTERNAL, 'server', 500),
  NOT_READY: def(ReturnCode.NOT_READY, 'server', 503),
  TIMEOUT: def(ReturnCode.TIMEOUT, 'server', 500),
  BUSY: def(ReturnCode.BUSY, 'server', 503),
});
