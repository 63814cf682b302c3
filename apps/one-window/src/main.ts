import 'reflect-metadata';
import { AppErrorFilter, correlationMiddleware, JsonLogger } from '@app/common';
import { assertMigrated } from '@app/front-db';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { DataSource } from 'typeorm';
import { OneWindowModule } from './app.module';
import { AuthService } from './auth/auth.service';
import { mountCallbackSoapService } from './callbacks/callback-notification.soap';
import { loadOneWindowConfig } from './config/one-window.config';
import { buildPlatformDataSource } from './database/platform-datasource';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('one-window');
  const { config, topology } = loadOneWindowConfig();

  const probe = buildPlatformDataSource(config);
  await probe.initialize();
  try {
    await assertMigrated(probe, 'platform DB');
  } finally {
    await probe.destroy();
  }

  const app = await NestFactory.create<NestExpressApplication>(OneWindowModule.forRoot(config, topology), { bodyParser: false, logger });
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.use(correlationMiddleware);
  // SOAP first, with its own raw parser and limits; JSON for the REST API only.
  mountCallbackSoapService(app, config);
  http.use(express.json({ limit: '1mb' }));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new AppErrorFilter());

  const doc = new DocumentBuilder()
    .setTitle('一窗受理平台 One-window acceptance platform')
    .setDescription('Clerk REST API, HTTP/JSON exchange endpoint, health. SOAP: WSDL at /ws/exchange/callback?wsdl. Return codes: docs/return-codes.md')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc));

  await app.init();
  await app.get(AuthService).seedClerks(config.SEED_CLERKS);
  await assertMigrated(app.get(DataSource), 'platform DB');
  const server = await app.listen(config.PORT, config.HOST);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  logger.log({ msg: 'one-window platform listening', url: `http://${config.HOST}:${config.PORT}`, departments: topology.departments.map((d) => `${d.code}:${d.transport}`) });
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level: 'fatal', app: 'one-window', msg: err.message })}\n`);
  process.exit(1);
});
