import 'reflect-metadata';
import { AppErrorFilter, correlationMiddleware, JsonLogger } from '@app/common';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { DeptSimModule } from './app.module';
import { loadDeptSimConfig } from './config/dept-sim.config';
import { mountAcceptanceSoapServices } from './intake/acceptance-notification.soap';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('dept-sim');
  const { config, topology } = loadDeptSimConfig();
  const app = await NestFactory.create<NestExpressApplication>(DeptSimModule.forRoot(config, topology), { bodyParser: false, logger });
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.use(correlationMiddleware);
  mountAcceptanceSoapServices(app, config);
  http.use(express.json({ limit: '1mb' }));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new AppErrorFilter());
  const doc = new DocumentBuilder().setTitle('部门业务系统模拟器 Department simulator').setDescription('Simulated departmental business systems: HTTP/JSON notification endpoints and simulator controls. SOAP: /dept/<code>/ws/acceptance?wsdl').setVersion('1').build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc));
  await app.init();
  const server = await app.listen(config.PORT, config.HOST);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  logger.log({ msg: 'department simulator listening', url: `http://${config.HOST}:${config.PORT}`, departments: topology.departments.map((d) => `${d.code}:${d.transport}`) });
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level: 'fatal', app: 'dept-sim', msg: err.message })}\n`);
  process.exit(1);
});
