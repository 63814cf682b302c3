import { JsonBodyRoute } from '@app/common';
import { DeptSimConfig } from './config/dept-sim.config';

/** The HTTP/JSON twins of NotifyAcceptance and DeliverDownlink take what their SOAP twins take; the controls keep the REST limit. */
export function jsonBodyRoutes(config: DeptSimConfig): JsonBodyRoute[] {
  return [{ path: /^\/dept\/[^/]+\/api\/(acceptance-notifications|downlink)$/, limitBytes: config.SOAP_BODY_LIMIT_BYTES }];
}
