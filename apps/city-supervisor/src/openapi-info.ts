import type { OpenApiInfo } from '@app/common';

/** The app's OpenAPI document header (Swagger UI and docs/openapi/city-supervisor.json). */
export const CITY_OPENAPI: OpenApiInfo = {
  title: '市运维交换监管系统 City ops exchange supervisory system (simulator)',
  description:
    'Report intake (SOAP WSDL at /ws/ops/secure-message?wsdl, HTTP POST /city/api/ops/secure-messages), monitoring queries, work orders down, downlink as the upstream node. Contract: docs/ops-report-contract.md',
};
