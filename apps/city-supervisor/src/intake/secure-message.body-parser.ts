import { jsonParserErrorHandler, limitedJsonParser } from '@app/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';

export const SECURE_MESSAGE_HTTP_PATH = '/city/api/ops/secure-messages';

/**
 * A SecureMessage is one flat JSON object of string parameters (15 in version 1.0): anything nested,
 * or with more than 64 members, is refused from the raw bytes before JSON.parse builds it (1004).
 */
export const SECURE_MESSAGE_SHAPE = { maxDepth: 1, maxMembers: 64 };

/**
 * The JSON parser of the HTTP intake, with the intake's size limit (the largest report of the
 * contract), mounted before the app-wide parser (which then leaves the parsed body alone); the other
 * routes keep the small REST limit. The body must be a flat object (SECURE_MESSAGE_SHAPE), checked on
 * the raw bytes before parsing. body-parser's refusals are answered here: too large → 1005, not JSON,
 * nested or too many members → 1004, unsupported encoding → 1006.
 */
export function mountSecureMessageJsonParser(app: NestExpressApplication, limitBytes: number): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.use(SECURE_MESSAGE_HTTP_PATH, limitedJsonParser(limitBytes, SECURE_MESSAGE_SHAPE), jsonParserErrorHandler);
}
