import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { JsonLogger, runMain, startHttpApp, withSchema } from '@app/common';
import { assertMigrated } from '@app/front-db';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CitySupervisorModule } from './app.module';
import { loadCityConfig } from './config/city.config';
import { CityKeys } from './core/city-keys';
import { cityDb } from './database/city-datasource';
import { mountSecureMessageJsonParser } from './intake/secure-message.body-parser';
import { mountSecureMessageSoap } from './intake/secure-message.soap';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('city-supervisor');
  const { config, nodes } = loadCityConfig();
  const keys = CityKeys.load(config, nodes);
  const accounts = loadAccountsSettings('city-supervisor');
  if (keys.derived.length) logger.warn({ msg: 'running on development keys derived from OPS_DEV_KEY_SEED; set key files in production', derived: keys.derived });

  // refuse to run on an unmigrated city DB before anything starts working on it
  await withSchema(cityDb(config), (ds) => assertMigrated(ds, 'city DB'));

  const app = await NestFactory.create<NestExpressApplication>(CitySupervisorModule.forRoot(config, nodes, keys, accounts), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: {
      title: '市运维交换监管系统 City ops exchange supervisory system (simulator)',
      description: 'Report intake (SOAP WSDL at /ws/ops/secure-message?wsdl, HTTP POST /city/api/ops/secure-messages), monitoring queries, work orders down, downlink as the upstream node. Contract: docs/ops-report-contract.md',
    },
    mountSoap: (a) => {
      mountSecureMessageSoap(a, config);
      mountSecureMessageJsonParser(a, config.BODY_LIMIT_BYTES);
    },
    beforeListen: (a) => a.get(AccountAdminService).seed(accounts.seed),
  });
  logger.log({ msg: 'city supervisor listening', url: `http://${config.HOST}:${config.PORT}`, cityNode: config.CITY_NODE_CODE, nodes: nodes.map((n) => `${n.nodeCode}:${n.transport}`) });
}

runMain('city-supervisor', bootstrap);
