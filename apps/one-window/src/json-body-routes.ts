import { JsonBodyRoute } from '@app/common';
import { OneWindowConfig } from './config/one-window.config';

/**
 * Routes whose JSON bodies may be larger than the REST limit (256 KiB), sized to their contract:
 * the HTTP/JSON twin of NotifyCallback takes what its SOAP twin takes (docs/exchange-contract.md).
 */
export function jsonBodyRoutes(config: OneWindowConfig): JsonBodyRoute[] {
  return [{ path: '/api/exchange/v1/callback-notifications', limitBytes: config.SOAP_BODY_LIMIT_BYTES }];
}
