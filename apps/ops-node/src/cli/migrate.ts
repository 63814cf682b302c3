import { dbAccountHostsFromEnv, dbAdminFromEnv, mysqlDataSourceOptions, provisionDbAccount } from '@app/common';
import 'reflect-metadata';
import { buildDataSource, ensureDatabase } from '@app/front-db';
import { DOWNLINK_FRONT_DB_DDL } from '@app/ops-contract';
import { DataSource } from 'typeorm';
import { loadOpsNodeConfig } from '../config/ops-node.config';
import { opsDb, opsFrontDbConfig } from '../database/ops-datasource';

/** Creates and migrates the ops node DB, and creates the ops front DB (运维前置库) tables if missing. */
async function main(): Promise<void> {
  const { config } = loadOpsNodeConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  const admin = dbAdminFromEnv();
  // with an admin account the schema work runs as admin and the node's own account is provisioned after
  const asAdmin = <T extends { user: string; password: string }>(c: T): T => (admin ? { ...c, user: admin.user, password: admin.password } : c);
  const own = asAdmin({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.opsDbName });
  await ensureDatabase(own);
  const ds = new DataSource(mysqlDataSourceOptions({ ...opsDb(config), target: own }));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    log(`ops node DB ${config.opsDbName}: ${ran.length} migration(s) applied`);
  } finally {
    await ds.destroy();
  }
  const front = asAdmin(opsFrontDbConfig(config));
  await ensureDatabase(front);
  const fds = buildDataSource(front, { poolSize: 1 });
  await fds.initialize();
  try {
    for (const ddl of DOWNLINK_FRONT_DB_DDL) await fds.query(ddl);
    log(`ops front DB ${front.database}: downlink tables present`);
  } finally {
    await fds.destroy();
  }
  if (admin) {
    await provisionDbAccount({ host: config.DB_HOST, port: config.DB_PORT, ...admin }, { user: config.DB_USER, password: config.DB_PASSWORD }, [
      { database: config.opsDbName, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      { database: front.database, privileges: ['SELECT', 'INSERT', 'UPDATE'] },
    ], { hosts: dbAccountHostsFromEnv(), global: ['SHOW DATABASES'] }); // discovery lists the server's schemas as instances (names only, no data)
    log(`account ${config.DB_USER}: DML on ${config.opsDbName}; SELECT, INSERT, UPDATE on ${front.database}`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] failed: ${err.message}\n`);
  process.exit(1);
});
