import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { assertMigrated } from '@app/front-db';
import { NestFactory } from '@nestjs/core';
import { OPS_NODE_OPENAPI } from './openapi-info';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { OpsNodeModule } from './app.module';
import { loadOpsNodeConfig } from './config/ops-node.config';
import { OpsKeys } from './core/ops-keys';
import { opsDataSourceOptions } from './database/ops-datasource';
import { mountCityInboundSoap } from './inbound';
import { NodeInfoService } from './node-info';
import { ReportScheduler } from './reporting';
import { jsonBodyRoutes } from './json-body-routes';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('ops-node');
  const { config, topology } = loadOpsNodeConfig();
  const keys = OpsKeys.load(config);
  const accounts = loadAccountsSettings('ops-node');
  if (keys.derived.length) logger.warn({ msg: 'using development SM2 keys derived from OPS_DEV_KEY_SEED; set these key files in production', unset: keys.derived });

  const probe = new DataSource(opsDataSourceOptions(config));
  await probe.initialize();
  try {
    await assertMigrated(probe, 'ops node DB');
  } finally {
    await probe.destroy();
  }

  const app = await NestFactory.create<NestExpressApplication>(OpsNodeModule.forRoot(config, topology, keys, accounts), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: OPS_NODE_OPENAPI,
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
    mountSoap: (a) => mountCityInboundSoap(a, config),
    beforeListen: async (a) => {
      await a.get(AccountAdminService).seed(accounts.seed);
      await a.get(NodeInfoService).seed();
      void a.get(ReportScheduler).initialReports();
    },
  });
  logger.log({ msg: 'ops node listening', url: `http://${config.HOST}:${config.PORT}`, nodeCode: config.NODE_CODE, city: config.CITY_URL, transport: config.REPORT_TRANSPORT });
}

runMain('ops-node', bootstrap);
