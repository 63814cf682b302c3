import 'reflect-metadata';
import { buildDataSource, ensureDatabase } from '@app/front-db';
import { DOWNLINK_FRONT_DB_DDL } from '@app/ops-contract';
import { DataSource } from 'typeorm';
import { loadOpsNodeConfig } from '../config/ops-node.config';
import { opsDataSourceOptions, opsFrontDbConfig } from '../database/ops-datasource';

/** Creates and migrates the ops node DB, and creates the ops front DB (运维前置库) tables if missing. */
async function main(): Promise<void> {
  const { config } = loadOpsNodeConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  await ensureDatabase({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.opsDbName });
  const ds = new DataSource(opsDataSourceOptions(config));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    log(`ops node DB ${config.opsDbName}: ${ran.length} migration(s) applied`);
  } finally {
    await ds.destroy();
  }
  const front = opsFrontDbConfig(config);
  await ensureDatabase(front);
  const fds = buildDataSource(front, { poolSize: 1 });
  await fds.initialize();
  try {
    for (const ddl of DOWNLINK_FRONT_DB_DDL) await fds.query(ddl);
    log(`ops front DB ${front.database}: downlink tables present`);
  } finally {
    await fds.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] failed: ${err.message}\n`);
  process.exit(1);
});
