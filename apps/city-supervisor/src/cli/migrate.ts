import 'reflect-metadata';
import { DbGrant, runMigrateCli, sameDbAccount } from '@app/common';
import { loadCityConfig } from '../config/city.config';
import { cityDb } from '../database/city-datasource';
import { ensureDownlinkFrontDb } from '../downlink';

/** The city's migrate step: the city DB, then the downlink tables in the ops front DB of every registered node when missing. */
runMigrateCli(async (m) => {
  const { config, nodes } = loadCityConfig();
  await m.migrate(cityDb(config));
  for (const n of nodes) {
    await ensureDownlinkFrontDb(m.asAdmin(n.frontDb));
    m.log(`ops front DB ${n.frontDb.database} (${n.nodeCode} ${n.name}): downlink tables present`);
  }
  // the city writes downlink records (as the upstream node) into the nodes' ops front DBs on this server
  const sameServer = nodes.filter((n) => sameDbAccount(n.frontDb, config.dbServer));
  await m.provision(
    config.dbServer,
    [
      { database: config.cityDbName, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      ...sameServer.map((n): DbGrant => ({ database: n.frontDb.database, privileges: ['SELECT', 'INSERT', 'UPDATE'] })),
    ],
    `DML on ${config.cityDbName}; SELECT, INSERT, UPDATE on ${sameServer.length} ops front DB(s)`,
  );
});
