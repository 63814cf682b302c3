export type SoapCallErrorKind = 'fault' | 'timeout' | 'network';

export interface SoapCallErrorInit {
  /** Kit error code from `<ex:code>` (or the SOAP fault code when the peer sent no kit detail). */
  code?: string;
  httpStatus?: number;
  /** soap:Client / soap:Server / soap:Sender / soap:Receiver … */
  faultCode?: string;
  faultString?: string;
  errorId?: string;
  correlationId?: string;
  cause?: unknown;
}

/**
 * A failed outbound call.
 * - 'fault': the peer answered with a SOAP Fault.
 * - 'timeout': no answer in time — the OUTCOME IS UNKNOWN (the peer may have done the work); never success.
 * - 'network': transport failure or a non-SOAP answer (`httpStatus` set when some HTTP answer came back).
 */
export class SoapCallError extends Error {
  readonly code?: string;
  readonly httpStatus?: number;
  readonly faultCode?: string;
  readonly faultString?: string;
  readonly errorId?: string;
  readonly correlationId?: string;

  constructor(
    public readonly kind: SoapCallErrorKind,
    message: string,
    init: SoapCallErrorInit = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SoapCallError';
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.faultCode = init.faultCode;
    this.faultString = init.faultString;
    this.errorId = init.errorId;
    this.correlationId = init.correlationId;
  }
}
