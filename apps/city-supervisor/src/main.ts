import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { runMain, serveHttpApp } from '@app/common';
import { CitySupervisorModule } from './app.module';
import { loadCityConfig } from './config/city.config';
import { CityKeys } from './core/city-keys';
import { cityDb } from './database/city-datasource';
import { mountSecureMessageJsonParser } from './intake/secure-message.body-parser';
import { mountSecureMessageSoap } from './intake/secure-message.soap';
import { CITY_OPENAPI } from './openapi-info';

runMain('city-supervisor', async (logger) => {
  const { config, nodes } = loadCityConfig();
  const keys = CityKeys.load(config, nodes);
  const accounts = loadAccountsSettings('city-supervisor');
  if (keys.derived.length)
    logger.warn({ msg: 'running on development keys derived from OPS_DEV_KEY_SEED; set key files in production', derived: keys.derived });
  await serveHttpApp(logger, CitySupervisorModule.forRoot(config, nodes, keys, accounts), {
    listen: config,
    console: 'city', // 市级运维监管 at /
    docs: CITY_OPENAPI,
    schemas: [cityDb(config)],
    mountSoap: (a) => {
      mountSecureMessageSoap(a, config);
      mountSecureMessageJsonParser(a, config.BODY_LIMIT_BYTES);
    },
    beforeListen: (a) => a.get(AccountAdminService).seed(accounts.seed),
    listening: {
      msg: 'city supervisor listening',
      url: `http://${config.HOST}:${config.PORT}`,
      cityNode: config.CITY_NODE_CODE,
      nodes: nodes.map((n) => `${n.nodeCode}:${n.transport}`),
    },
  });
});
