import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { assertMigrated } from '@app/front-db';
import { NestFactory } from '@nestjs/core';
import { CITY_OPENAPI } from './openapi-info';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CitySupervisorModule } from './app.module';
import { loadCityConfig } from './config/city.config';
import { CityKeys } from './core/city-keys';
import { buildCityDataSource } from './database/city-datasource';
import { mountSecureMessageJsonParser } from './intake/secure-message.body-parser';
import { mountSecureMessageSoap } from './intake/secure-message.soap';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('city-supervisor');
  const { config, nodes } = loadCityConfig();
  const keys = CityKeys.load(config, nodes);
  const accounts = loadAccountsSettings('city-supervisor');
  if (keys.derived.length) logger.warn({ msg: 'running on development keys derived from OPS_DEV_KEY_SEED; set key files in production', derived: keys.derived });

  // refuse to run on an unmigrated city DB before anything starts working on it
  const probe = buildCityDataSource(config);
  await probe.initialize();
  try {
    await assertMigrated(probe, 'city DB');
  } finally {
    await probe.destroy();
  }

  const app = await NestFactory.create<NestExpressApplication>(CitySupervisorModule.forRoot(config, nodes, keys, accounts), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: CITY_OPENAPI,
    mountSoap: (a) => {
      mountSecureMessageSoap(a, config);
      mountSecureMessageJsonParser(a, config.BODY_LIMIT_BYTES);
    },
    beforeListen: (a) => a.get(AccountAdminService).seed(accounts.seed),
  });
  logger.log({ msg: 'city supervisor listening', url: `http://${config.HOST}:${config.PORT}`, cityNode: config.CITY_NODE_CODE, nodes: nodes.map((n) => `${n.nodeCode}:${n.transport}`) });
}

runMain('city-supervisor', bootstrap);
