import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { runMain, serveHttpApp } from '@app/common';
import { OpsNodeModule } from './app.module';
import { loadOpsNodeConfig } from './config/ops-node.config';
import { OpsKeys } from './core/ops-keys';
import { opsDb } from './database/ops-datasource';
import { mountCityInboundSoap } from './inbound';
import { jsonBodyRoutes } from './json-body-routes';
import { NodeInfoService } from './node-info';
import { ReportScheduler } from './reporting';
import { OPS_NODE_OPENAPI } from './openapi-info';

runMain('ops-node', async (logger) => {
  const { config, topology } = loadOpsNodeConfig();
  const keys = OpsKeys.load(config);
  const accounts = loadAccountsSettings('ops-node');
  if (keys.derived.length)
    logger.warn({ msg: 'using development SM2 keys derived from OPS_DEV_KEY_SEED; set these key files in production', unset: keys.derived });
  await serveHttpApp(logger, OpsNodeModule.forRoot(config, topology, keys, accounts), {
    listen: config,
    console: 'ops', // 运维控制台 at /
    docs: OPS_NODE_OPENAPI,
    schemas: [opsDb(config)],
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
    mountSoap: (a) => mountCityInboundSoap(a, config),
    beforeListen: async (a) => {
      await a.get(AccountAdminService).seed(accounts.seed);
      await a.get(NodeInfoService).seed();
      void a.get(ReportScheduler).initialReports();
    },
    listening: {
      msg: 'ops node listening',
      url: `http://${config.HOST}:${config.PORT}`,
      nodeCode: config.NODE_CODE,
      city: config.CITY_URL,
      transport: config.REPORT_TRANSPORT,
    },
  });
});
