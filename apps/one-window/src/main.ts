import 'reflect-metadata';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { assertMigrated, assertPacketLimit } from '@app/front-db';
import { NestFactory } from '@nestjs/core';
import { ONE_WINDOW_OPENAPI } from './openapi-info';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OneWindowModule } from './app.module';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { mountCallbackSoapService } from './callbacks/callback-notification.soap';
import { loadOneWindowConfig } from './config/one-window.config';
import { buildPlatformDataSource } from './database/platform-datasource';
import { setPiiCipher } from './database/pii';
import { FieldCipher } from '@app/gm-crypto';
import { jsonBodyRoutes } from './json-body-routes';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('one-window');
  const { config, topology } = loadOneWindowConfig();
  const accounts = loadAccountsSettings('one-window');
  setPiiCipher(new FieldCipher(config.piiKey));

  // refuse to run on an unmigrated platform DB before anything starts working on it
  const probe = buildPlatformDataSource(config);
  await probe.initialize();
  try {
    await assertMigrated(probe, 'platform DB');
    await assertPacketLimit(probe, config.MAX_MATERIAL_BYTES, 'platform DB');
  } finally {
    await probe.destroy();
  }

  const app = await NestFactory.create<NestExpressApplication>(OneWindowModule.forRoot(config, topology, accounts), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: ONE_WINDOW_OPENAPI,
    console: 'workbench', // 综窗受理工作台 at /
    mountSoap: (a) => mountCallbackSoapService(a, config),
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
    beforeListen: (a) => a.get(AccountAdminService).seed(accounts.seed),
  });
  logger.log({ msg: 'one-window platform listening', url: `http://${config.HOST}:${config.PORT}`, departments: topology.departments.map((d) => `${d.code}:${d.transport}`) });
}

runMain('one-window', bootstrap);
