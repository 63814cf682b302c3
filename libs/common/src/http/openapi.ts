import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** What an app's OpenAPI document says about itself. */
export interface OpenApiInfo {
  title: string;
  description: string;
  /** the routes take `Authorization: Bearer <session token>` */
  bearerAuth?: boolean;
}

/**
 * The OpenAPI document of an app, built the same way for Swagger UI (API_DOCS=on) and for the
 * committed contract files under docs/openapi/ that the consoles' typed clients are generated from.
 */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const doc = new DocumentBuilder().setTitle(info.title).setDescription(info.description).setVersion('1');
  if (info.bearerAuth) doc.addBearerAuth();
  return SwaggerModule.createDocument(app, doc.build());
}
