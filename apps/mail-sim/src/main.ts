import 'reflect-metadata';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { MailSimModule } from './app.module';
import { loadMailSimConfig } from './config/mail-sim.config';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('mail-sim');
  const config = loadMailSimConfig();
  const app = await NestFactory.create<NestExpressApplication>(MailSimModule.forRoot(config), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: { title: '邮件服务器模拟器 mail simulator (SMTP)', description: `Development SMTP server on ${config.HOST}:${config.SMTP_PORT} (plain, no AUTH). Received mail parsed, fault injection.` },
    mountSoap: () => undefined,
  });
  logger.log({ msg: 'mail simulator listening', http: `http://${config.HOST}:${config.PORT}`, smtp: `${config.HOST}:${config.SMTP_PORT}` });
}

runMain('mail-sim', bootstrap);
