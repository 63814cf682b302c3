import 'reflect-metadata';
import { AccountAdminService, loadAccountsSettings } from '@app/accounts';
import { beijingJsonReplacer, runMain, serveHttpApp } from '@app/common';
import { assertPacketLimit } from '@app/front-db';
import { FieldCipher } from '@app/gm-crypto';
import { OneWindowModule } from './app.module';
import { mountCallbackSoapService } from './callbacks/callback-notification.soap';
import { loadOneWindowConfig } from './config/one-window.config';
import { setPiiCipher } from './database/pii';
import { platformDb } from './database/platform-datasource';
import { jsonBodyRoutes } from './json-body-routes';
import { ONE_WINDOW_OPENAPI } from './openapi-info';

runMain('one-window', async (logger) => {
  const { config, topology } = loadOneWindowConfig();
  const accounts = loadAccountsSettings('one-window');
  setPiiCipher(new FieldCipher(config.piiKey));
  await serveHttpApp(logger, OneWindowModule.forRoot(config, topology, accounts), {
    listen: config,
    docs: ONE_WINDOW_OPENAPI,
    console: 'workbench', // 综窗受理工作台 at /
    schemas: [platformDb(config)],
    checkSchema: (ds, s) => assertPacketLimit(ds, config.MAX_MATERIAL_BYTES, s.label),
    mountSoap: (a) => mountCallbackSoapService(a, config),
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
    beforeListen: async (a) => {
      a.set('json replacer', beijingJsonReplacer); // every time in a REST answer in +08:00 (docs/clerk-api.md, Conventions)
      await a.get(AccountAdminService).seed(accounts.seed);
    },
    listening: {
      msg: 'one-window platform listening',
      url: `http://${config.HOST}:${config.PORT}`,
      departments: topology.departments.map((d) => `${d.code}:${d.transport}`),
    },
  });
});
