import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import type { Server } from 'node:http';
import { AppErrorFilter } from './app-error.filter';
import { correlationMiddleware } from './correlation.middleware';
import { jsonBodyParser, JsonBodyRoute } from './json-body';
import { CHINESE_VALIDATION } from './validation-messages';

export interface HttpAppOptions {
  port: number;
  host: string;
  docs: { title: string; description: string; bearerAuth?: boolean };
  /** mounts the SOAP services; runs before the JSON parser so SOAP bodies reach the kit raw */
  mountSoap: (app: NestExpressApplication) => void;
  /** JSON body limit of the REST routes in bytes (default REST_JSON_LIMIT_BYTES, 256 KiB) */
  jsonLimitBytes?: number;
  /** routes whose contract needs a larger JSON body (intakes, bulk pushes); see json-body.ts */
  jsonRoutes?: JsonBodyRoute[];
  /** runs after app.init(), before listening (seeding, checks) */
  beforeListen?: (app: NestExpressApplication) => Promise<void>;
}

/**
 * The common HTTP set-up of every app: correlation ids, SOAP first with its own raw parser,
 * JSON with a size limit for REST, strict validation, coded errors, OpenAPI docs at /api/docs,
 * and server timeouts.
 */
export async function startHttpApp(app: NestExpressApplication, o: HttpAppOptions): Promise<Server> {
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.use(correlationMiddleware);
  o.mountSoap(app);
  http.use(jsonBodyParser({ limitBytes: o.jsonLimitBytes, routes: o.jsonRoutes })); // size per route, depth ≤ 32, coded refusals
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true, ...CHINESE_VALIDATION })); // Chinese messages with field labels
  app.useGlobalFilters(new AppErrorFilter());
  const doc = new DocumentBuilder().setTitle(o.docs.title).setDescription(o.docs.description).setVersion('1');
  if (o.docs.bearerAuth) doc.addBearerAuth();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc.build()));
  await app.init();
  await o.beforeListen?.(app);
  const server = (await app.listen(o.port, o.host)) as Server;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  return server;
}
