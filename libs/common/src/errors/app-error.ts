import { RETURN_CODES, ReturnCode } from './return-codes';

/** Every expected failure carries a published return code; the filters map it to HTTP or SOAP. */
export class AppError extends Error {
  constructor(
    public readonly code: ReturnCode,
    detail?: string,
    public readonly fields?: Record<string, unknown>,
  ) {
    super(detail ? `${RETURN_CODES[code].message}：${detail}` : RETURN_CODES[code].message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return RETURN_CODES[this.code].httpStatus;
  }
}
