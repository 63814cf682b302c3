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

  /**
   * A record that does not exist, in its own words (`告警 A-1 不存在`, `运维节点 X 未注册`) rather than
   * the table's generic 申报号或记录不存在: the code stays 2001, the message names what is missing.
   */
  static notFound(message: string, fields?: Record<string, unknown>): AppError {
    const err = new AppError(ReturnCode.NOT_FOUND, undefined, fields);
    err.message = message;
    return err;
  }

  get httpStatus(): number {
    return RETURN_CODES[this.code].httpStatus;
  }
}
