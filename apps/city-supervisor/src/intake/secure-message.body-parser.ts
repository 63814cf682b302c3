import { currentCorrelationId, RETURN_CODES, ReturnCode } from '@app/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';

export const SECURE_MESSAGE_HTTP_PATH = '/city/api/ops/secure-messages';

/**
 * The JSON parser of the HTTP intake, with the intake's size limit, mounted before the app-wide
 * parser (which then leaves the parsed body alone). body-parser's own errors never reach the Nest
 * filters as coded errors, so they are answered here: too large → 1005, not JSON → 1004.
 */
export function mountSecureMessageJsonParser(app: NestExpressApplication, limitBytes: number): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.use(SECURE_MESSAGE_HTTP_PATH, express.json({ limit: limitBytes }), (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: string })?.type;
    const code = type === 'entity.too.large' ? ReturnCode.MESSAGE_TOO_LARGE : type === 'entity.parse.failed' ? ReturnCode.MALFORMED_MESSAGE : type === 'encoding.unsupported' || type === 'charset.unsupported' ? ReturnCode.UNSUPPORTED_ENCODING : undefined;
    if (!code) return next(err);
    res.status(RETURN_CODES[code].httpStatus).json({ code, message: RETURN_CODES[code].message, correlationId: currentCorrelationId() });
  });
}
