import type { OpenApiInfo } from '@app/common';

/** The app's OpenAPI document header (Swagger UI and docs/openapi/ops-node.json). */
export const OPS_NODE_OPENAPI: OpenApiInfo = {
  title: '区运维节点 District ops node',
  description:
    'Inventory of six resource classes, performance samples and threshold alerts, collaborative work orders, reporting of six categories to the city (SM2), downlink forwarding. SOAP (from the city): /ws/ops/secure-message?wsdl. Contract: docs/ops-report-contract.md',
};
