import 'reflect-metadata';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SmscSimModule } from './app.module';
import { loadSmscSimConfig } from './config/smsc-sim.config';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('smsc-sim');
  const config = loadSmscSimConfig();
  const app = await NestFactory.create<NestExpressApplication>(SmscSimModule.forRoot(config), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: {
      title: '短信网关模拟器 SMSC simulator (CMPP 2.0)',
      description: `Simulated carrier gateway: CMPP 2.0 on ${config.HOST}:${config.CMPP_PORT}. Handset inbox, statistics and runtime fault injection.`,
    },
    mountSoap: () => undefined,
  });
  logger.log({ msg: 'SMSC simulator listening', http: `http://${config.HOST}:${config.PORT}`, cmpp: `${config.HOST}:${config.CMPP_PORT}` });
}

runMain('smsc-sim', bootstrap);
