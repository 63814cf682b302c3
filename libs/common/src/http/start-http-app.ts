import { Logger, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { IsIn } from 'class-validator';
import { validateConfig } from '../config/validate-config';
import type { Server } from 'node:http';
import { AppErrorFilter } from './app-error.filter';
import { correlationMiddleware } from './correlation.middleware';
import { jsonBodyParser, JsonBodyRoute } from './json-body';
import { CHINESE_VALIDATION } from './validation-messages';
import { buildOpenApiDocument, OpenApiInfo } from './openapi';
import { consoleDir, consoleStatic } from './console-static';

/** What an app exposes beyond its API, read once at boot. */
class HttpExposureConfig {
  /** `on` serves the OpenAPI document and Swagger UI at /api/docs (off in production) */
  @IsIn(['on', 'off']) API_DOCS: 'on' | 'off' = 'off';
}

export interface HttpAppOptions {
  port: number;
  host: string;
  docs: OpenApiInfo;
  /** mounts the SOAP services (if any); runs before the JSON parser so SOAP bodies reach the kit raw */
  mountSoap?: (app: NestExpressApplication) => void;
  /** JSON body limit of the REST routes in bytes (default REST_JSON_LIMIT_BYTES, 256 KiB) */
  jsonLimitBytes?: number;
  /** routes whose contract needs a larger JSON body (intakes, bulk pushes); see json-body.ts */
  jsonRoutes?: JsonBodyRoute[];
  /** the browser console this app serves at `/` (built by `npm run build:web` into dist/web/<name>/) */
  console?: string;
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
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...(exposure.API_DOCS === 'on' ? ["'unsafe-inline'"] : [])],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // blob: for the consoles' previews of stored documents (fetched with the session token, shown as object URLs)
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      hsts: false, // plain HTTP on loopback here; a TLS front end sets HSTS
    }),
  );
  http.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  http.use(correlationMiddleware);
  if (o.console) mountConsole(http, o.console);
  o.mountSoap?.(app);
  http.use(jsonBodyParser({ limitBytes: o.jsonLimitBytes, routes: o.jsonRoutes })); // size per route, depth ≤ 32, coded refusals
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true, ...CHINESE_VALIDATION })); // Chinese messages with field labels
  app.useGlobalFilters(new AppErrorFilter());
  if (exposure.API_DOCS === 'on') SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app, o.docs));
  await app.init();
  await o.beforeListen?.(app);
  const server = (await app.listen(o.port, o.host)) as Server;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  return server;
}

function mountConsole(http: express.Express, name: string): void {
  const dir = consoleDir(name);
  if (dir) http.use(consoleStatic(dir));
  else new Logger('http').warn(`console ${name} is not built (npm run build:web): only the API is served`);
}
