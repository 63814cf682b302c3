import { ResponseRefusedError } from './guarded-http.client';
import { SoapCallError } from './soap-call.error';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isObj(v)) return text(v.$value);
  return undefined;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turns whatever node-soap/axios rejected with into a SoapCallError. */
export function toSoapCallError(err: unknown, correlationId: string, deadlineHit: boolean, operationLabel: string): SoapCallError {
  if (err instanceof ResponseRefusedError) {
    return new SoapCallError('network', `${operationLabel}: ${err.message}`, { httpStatus: err.httpStatus, correlationId, cause: err });
  }
  const e = isObj(err) ? err : {};
  const response = isObj(e.response) ? e.response : undefined;
  const httpStatus = typeof response?.status === 'number' ? response.status : undefined;
  const root = isObj(e.root) ? e.root : undefined;
  const envelope = root && isObj(root.Envelope) ? root.Envelope : undefined;
  const body = envelope && isObj(envelope.Body) ? envelope.Body : undefined;
  const fault = body && isObj(body.Fault) ? body.Fault : undefined;
  if (fault) {
    const detail = isObj(fault.detail) ? fault.detail : isObj(fault.Detail) ? fault.Detail : undefined;
    const codeNode = isObj(fault.Code) ? fault.Code : undefined;
    const reason = isObj(fault.Reason) ? fault.Reason : undefined;
    const faultCode = text(fault.faultcode) ?? text(codeNode?.Value);
    const faultString = text(fault.faultstring) ?? text(reason?.Text);
    const code = text(detail?.code) ?? faultCode;
    return new SoapCallError('fault', `${operationLabel}: SOAP Fault ${code ?? ''} ${faultString ?? ''}`.trim(), {
      code,
      httpStatus,
      faultCode,
      faultString,
      errorId: text(detail?.errorId),
      correlationId,
    });
  }
  const errCode = typeof e.code === 'string' ? e.code : undefined;
  if (deadlineHit || (errCode && TIMEOUT_CODES.has(errCode))) {
    return new SoapCallError('timeout', `${operationLabel}: no answer in time (outcome unknown)`, { correlationId, cause: err });
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  return new SoapCallError('network', `${operationLabel}: ${errCode ?? ''} ${message}`.trim(), { httpStatus, correlationId, cause: err });
}
