import { dbAccountHostsFromEnv, dbAdminFromEnv, mysqlDataSourceOptions, provisionDbAccount } from '@app/common';
import 'reflect-metadata';
import { ensureDatabase } from '@app/front-db';
import { DataSource } from 'typeorm';
import { loadCityConfig } from '../config/city.config';
import { cityDb } from '../database/city-datasource';
import { ensureDownlinkFrontDb } from '../downlink/front-db-pools';

/**
 * The explicit migrate step of the city: creates (if needed) and migrates the city DB, then creates
 * the downlink tables in the ops front DB of every registered node when missing.
 */
async function main(): Promise<void> {
  const { config, nodes } = loadCityConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  const admin = dbAdminFromEnv();
  // with an admin account the schema work runs as admin and the city's own account is provisioned after
  const asAdmin = <T extends { user: string; password: string }>(c: T): T => (admin ? { ...c, user: admin.user, password: admin.password } : c);
  const own = asAdmin({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.cityDbName });
  await ensureDatabase(own);
  const ds = new DataSource(mysqlDataSourceOptions({ ...cityDb(config), target: own }));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    log(`city DB ${config.cityDbName}: ${ran.length} migration(s) applied`);
  } finally {
    await ds.destroy();
  }
  for (const n of nodes) {
    await ensureDownlinkFrontDb(asAdmin(n.frontDb));
    log(`ops front DB ${n.frontDb.database} (${n.nodeCode} ${n.name}): downlink tables present`);
  }
  if (admin) {
    // the city writes downlink records (as the upstream node) into the nodes' ops front DBs on this server
    const sameServer = nodes.filter((n) => n.frontDb.host === config.DB_HOST && n.frontDb.port === config.DB_PORT && n.frontDb.user === config.DB_USER);
    await provisionDbAccount({ host: config.DB_HOST, port: config.DB_PORT, ...admin }, { user: config.DB_USER, password: config.DB_PASSWORD }, [
      { database: config.cityDbName, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      ...sameServer.map((n) => ({ database: n.frontDb.database, privileges: ['SELECT', 'INSERT', 'UPDATE'] as ('SELECT' | 'INSERT' | 'UPDATE')[] })),
    ], { hosts: dbAccountHostsFromEnv() });
    log(`account ${config.DB_USER}: DML on ${config.cityDbName}; SELECT, INSERT, UPDATE on ${sameServer.length} ops front DB(s)`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] failed: ${err.message}\n`);
  process.exit(1);
});
