import 'reflect-metadata';
import { JsonLogger, runMain, startHttpApp, withSchema } from '@app/common';
import { assertMigrated, assertPacketLimit } from '@app/front-db';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OneWindowModule } from './app.module';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { mountCallbackSoapService } from './callbacks/callback-notification.soap';
import { loadOneWindowConfig } from './config/one-window.config';
import { platformDb } from './database/platform-datasource';
import { setPiiCipher } from './database/pii';
import { FieldCipher } from '@app/gm-crypto';
import { jsonBodyRoutes } from './json-body-routes';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('one-window');
  const { config, topology } = loadOneWindowConfig();
  const accounts = loadAccountsSettings('one-window');
  setPiiCipher(new FieldCipher(config.piiKey));

  // refuse to run on an unmigrated platform DB before anything starts working on it
  await withSchema(platformDb(config), async (ds) => {
    await assertMigrated(ds, 'platform DB');
    await assertPacketLimit(ds, config.MAX_MATERIAL_BYTES, 'platform DB');
  });

  const app = await NestFactory.create<NestExpressApplication>(OneWindowModule.forRoot(config, topology, accounts), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: {
      title: '一窗受理平台 One-window acceptance platform',
      description: 'Clerk REST API, HTTP/JSON exchange endpoint, operations, health. SOAP: WSDL at /ws/exchange/callback?wsdl. Return codes: docs/return-codes.md',
      bearerAuth: true,
    },
    mountSoap: (a) => mountCallbackSoapService(a, config),
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
    beforeListen: (a) => a.get(AccountAdminService).seed(accounts.seed),
  });
  logger.log({ msg: 'one-window platform listening', url: `http://${config.HOST}:${config.PORT}`, departments: topology.departments.map((d) => `${d.code}:${d.transport}`) });
}

runMain('one-window', bootstrap);
