import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
const CORRELATION_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && CORRELATION_ID_RE.test(value);
}

/** Takes the caller's id when it is well-formed, otherwise mints a UUID. */
export function pickCorrelationId(headerValue: string | string[] | undefined): string {
  return isValidCorrelationId(headerValue) ? headerValue : randomUUID();
}
