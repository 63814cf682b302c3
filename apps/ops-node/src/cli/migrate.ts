import 'reflect-metadata';
import { ensureDatabase, runMigrateCli } from '@app/common';
import { buildDataSource } from '@app/front-db';
import { DOWNLINK_FRONT_DB_DDL } from '@app/ops-contract';
import { loadOpsNodeConfig } from '../config/ops-node.config';
import { opsDb, opsFrontDbConfig } from '../database/ops-datasource';

/** The ops node's migrate step: the ops node DB, then the ops front DB (运维前置库) tables if missing. */
runMigrateCli(async (m) => {
  const { config } = loadOpsNodeConfig();
  await m.migrate(opsDb(config));
  const front = m.asAdmin(opsFrontDbConfig(config));
  await ensureDatabase(front);
  const fds = buildDataSource(front, { poolSize: 1 });
  await fds.initialize();
  try {
    for (const ddl of DOWNLINK_FRONT_DB_DDL) await fds.query(ddl);
    m.log(`ops front DB ${front.database}: downlink tables present`);
  } finally {
    await fds.destroy();
  }
  await m.provision(
    config.dbServer,
    [
      { database: config.opsDbName, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      { database: front.database, privileges: ['SELECT', 'INSERT', 'UPDATE'] },
    ],
    `DML on ${config.opsDbName}; SELECT, INSERT, UPDATE on ${front.database}`,
    { global: ['SHOW DATABASES'] }, // discovery lists the server's schemas as instances (names only, no data)
  );
});
