import type { OpenApiInfo } from '@app/common';

/** The app's OpenAPI document header (Swagger UI and docs/openapi/one-window.json). */
export const ONE_WINDOW_OPENAPI: OpenApiInfo = {
  title: '一窗受理平台 One-window acceptance platform',
  description: 'Clerk REST API, HTTP/JSON exchange endpoint, operations, health. SOAP: WSDL at /ws/exchange/callback?wsdl. Return codes: docs/return-codes.md',
  bearerAuth: true,
};
