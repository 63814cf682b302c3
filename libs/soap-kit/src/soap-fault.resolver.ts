import { randomUUID } from 'node:crypto';
import { FAULTS, type FaultCodeInfo } from './fault-codes.constants';
import { HandlerTimeoutError } from './handler-timeout.util';
import { SoapFault } from './soap-fault.error';
import type { FaultDescriptor } from './soap-fault.renderer';
import type { SoapKitLogger } from './soap-kit.types';

export interface ResolvedFault extends FaultDescriptor {
  httpStatus: number;
}

export interface FaultLogContext {
  correlationId: string;
  operation?: string;
  username?: string;
}

/** Builds a Fault from the code table, logs it with a fresh error id (the id is the only link to the log). */
export function faultFromCode(info: FaultCodeInfo, logger: SoapKitLogger, ctx: FaultLogContext, reason: string, cause?: unknown): ResolvedFault {
  const fault: ResolvedFault = { code: info.code, userMessage: info.userMessage, side: info.side, errorId: randomUUID(), httpStatus: info.httpStatus };
  const meta = { code: fault.code, errorId: fault.errorId, ...ctx, reason, ...causeMeta(cause) };
  if (info.side === 'server') logger.error('soap request failed', meta);
  else logger.warn('soap request rejected', meta);
  return fault;
}

function causeMeta(cause: unknown): object {
  if (cause === undefined) return {};
  if (cause instanceof Error) return { error: cause.message, stack: cause.stack };
  return { error: safeString(cause) };
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Maps whatever a handler threw: SoapFault → its code; timeout → 5002; anything else → 5000 (stack only in the log). */
export function faultFromHandlerError(err: unknown, logger: SoapKitLogger, ctx: FaultLogContext): ResolvedFault {
  if (SoapFault.isSoapFault(err)) {
    const info: FaultCodeInfo = {
      code: String(err.code),
      userMessage: String(err.userMessage),
      side: err.side === 'server' ? 'server' : 'client',
      httpStatus: 500,
    };
    return faultFromCode(info, logger, ctx, 'handler raised SoapFault');
  }
  if (err instanceof HandlerTimeoutError) {
    return faultFromCode(FAULTS.TIMEOUT, logger, ctx, err.message);
  }
  return faultFromCode(FAULTS.INTERNAL, logger, ctx, 'handler threw', err);
}
