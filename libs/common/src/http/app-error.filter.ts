import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { isDbUnavailableError, RETRY_AFTER_SECONDS } from '../db/db-unavailable';
import { AppError } from '../errors/app-error';
import { RETURN_CODES, ReturnCode } from '../errors/return-codes';
import { currentCorrelationId } from '../logging/correlation';

/**
 * Maps every error of the REST API to `{ code, message, errorId?, details? }`.
 * A database that cannot be reached is 5006 (HTTP 503, Retry-After); unknown errors become 5000
 * with an error id that appears in the log next to the stack; the caller never sees a stack or a path.
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('AppErrorFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const correlationId = currentCorrelationId();
    if (err instanceof AppError) {
      if (err.httpStatus === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(err.httpStatus).json({ code: err.code, message: err.message, details: err.fields, correlationId });
      return;
    }
    if (isDbUnavailableError(err)) {
      // the database is down or saturated: a retry later can succeed, so never a 5000
      this.logger.warn({
        msg: 'database unavailable; answered 5006',
        err: err instanceof Error ? err.message : String(err),
        code: (err as { code?: unknown }).code,
      });
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ code: ReturnCode.SERVICE_UNAVAILABLE, message: RETURN_CODES[ReturnCode.SERVICE_UNAVAILABLE].message, correlationId });
      return;
    }
    if (err instanceof HttpException && err.getStatus() === 404) {
      // only the router throws a bare 404 (records answer AppError 2001): an unknown route
      const req = host.switchToHttp().getRequest<Request | undefined>();
      const route = req ? `${req.method} ${req.path}`.slice(0, 200) : '';
      res.status(404).json({
        code: ReturnCode.UNKNOWN_ROUTE,
        message: route ? `${RETURN_CODES[ReturnCode.UNKNOWN_ROUTE].message}：${route}` : RETURN_CODES[ReturnCode.UNKNOWN_ROUTE].message,
        correlationId,
      });
      return;
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse();
      const detail = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
      const code =
        status === 401
          ? ReturnCode.AUTH_FAILED
          : status === 403
            ? ReturnCode.FORBIDDEN
            : status === 413
              ? ReturnCode.MESSAGE_TOO_LARGE
              : status >= 500
                ? ReturnCode.INTERNAL
                : ReturnCode.BAD_PARAMETER;
      res.status(status).json({ code, message: RETURN_CODES[code].message, details: detail, correlationId });
      return;
    }
    // body-parser refusals (express.json): the caller's fault, never a 5000
    const parserType = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
    if (
      parserType === 'entity.too.large' ||
      parserType === 'entity.parse.failed' ||
      parserType === 'encoding.unsupported' ||
      parserType === 'charset.unsupported'
    ) {
      const code =
        parserType === 'entity.too.large'
          ? ReturnCode.MESSAGE_TOO_LARGE
          : parserType === 'entity.parse.failed'
            ? ReturnCode.MALFORMED_MESSAGE
            : ReturnCode.UNSUPPORTED_ENCODING;
      res.status(RETURN_CODES[code].httpStatus).json({ code, message: RETURN_CODES[code].message, correlationId });
      return;
    }
    const errorId = randomUUID();
    this.logger.error({
      msg: 'unhandled error',
      errorId,
      err: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    res.status(500).json({ code: ReturnCode.INTERNAL, message: RETURN_CODES[ReturnCode.INTERNAL].message, errorId, correlationId });
  }
}
