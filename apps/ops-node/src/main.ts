import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { JsonLogger, runMain, startHttpApp, withSchema } from '@app/common';
import { assertMigrated } from '@app/front-db';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpsNodeModule } from './app.module';
import { loadOpsNodeConfig } from './config/ops-node.config';
import { OpsKeys } from './core/ops-keys';
import { opsDb } from './database/ops-datasource';
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

  await withSchema(opsDb(config), (ds) => assertMigrated(ds, 'ops node DB'));

  const app = await NestFactory.create<NestExpressApplication>(OpsNodeModule.forRoot(config, topology, keys, accounts), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: {
      title: '区运维节点 District ops node',
      description: 'Inventory of six resource classes, performance samples and threshold alerts, collaborative work orders, reporting of six categories to the city (SM2), downlink forwarding. SOAP (from the city): /ws/ops/secure-message?wsdl. Contract: docs/ops-report-contract.md',
    },
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
