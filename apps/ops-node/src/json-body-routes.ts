import { JsonBodyRoute } from '@app/common';
import { OpsNodeConfig } from './config/ops-node.config';

/** Largest body of a bulk sample push: 10 000 samples of about 200 bytes. */
export const SAMPLE_PUSH_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Routes whose JSON bodies may be larger than the REST limit (256 KiB): the bulk sample push and the
 * city's secure messages (work orders sent down, as large as the SOAP twin takes).
 */
export function jsonBodyRoutes(config: OpsNodeConfig): JsonBodyRoute[] {
  return [
    { path: '/ops/api/samples', limitBytes: SAMPLE_PUSH_LIMIT_BYTES },
    { path: '/ops/api/city/secure-messages', limitBytes: config.SOAP_BODY_LIMIT_BYTES },
  ];
}
