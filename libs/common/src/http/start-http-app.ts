import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { IsIn } from 'class-validator';
import { validateConfig } from '../config/validate-config';
import type { Server } from 'node:http';
import { AppErrorFilter } from './app-error.filter';
import { correlationMiddleware } from './correlation.middleware';
import { jsonBodyParser, JsonBodyRoute } from './json-body';
import { CHINESE_VALIDATION } from './validation-messages';

/** What an app exposes beyond its API, read once at boot. */
class HttpExposureConfig {
  /** `on` serves the OpenAPI document and Swagger UI at /api/docs (off in production) */
  @IsIn(['on', 'off']) API_DOCS: 'on' | 'off' = 'off';
}

export interface HttpAppOptions {
  port: number;
  host: string;
  docs: { title: string; description: string; bearerAuth?: boolean };
  /** mounts the SOAP services (if any); runs before the JSON parser so SOAP bodies reach the kit raw */
  mountSoap?: (app: NestExpressApplication) => void;
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
  const exposure = validateConfig(HttpExposureConfig, process.env);
  // security headers on every answer (SOAP and WSDL included); the CSP admits Swagger UI's inline bits only when it is on
  http.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", ...(exposure.API_DOCS === 'on' ? ["'unsafe-inline'"] : [])], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], frameAncestors: ["'none'"], formAction: ["'self'"] } },
      crossOriginEmbedderPolicy: false,
      hsts: false, // plain HTTP on loopback here; a TLS front end sets HSTS
    }),
  );
  http.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  http.use(correlationMiddleware);
  o.mountSoap?.(app);
  http.use(jsonBodyParser({ limitBytes: o.jsonLimitBytes, routes: o.jsonRoutes })); // size per route, depth ≤ 32, coded refusals
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true, ...CHINESE_VALIDATION })); // Chinese messages with field labels
  app.useGlobalFilters(new AppErrorFilter());
  const doc = new DocumentBuilder().setTitle(o.docs.title).setDescription(o.docs.description).setVersion('1');
  if (o.docs.bearerAuth) doc.addBearerAuth();
  if (exposure.API_DOCS === 'on') SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc.build()));
  await app.init();
  await o.beforeListen?.(app);
  const server = (await app.listen(o.port, o.host)) as Server;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  return server;
}
