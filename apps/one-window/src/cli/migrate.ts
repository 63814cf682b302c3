import 'reflect-metadata';
import { ensureDatabase, migrateFrontDb } from '@app/front-db';
import { loadOneWindowConfig } from '../config/one-window.config';
import { platformDataSourceOptions } from '../database/platform-datasource';
import { DataSource } from 'typeorm';

/**
 * The explicit migrate step: creates (if needed) and migrates the platform DB and the
 * front-end DB of every department in the topology. A front DB the department created itself
 * from the published DDL is checked against the contract and adopted; one that differs stops
 * the step with every difference named (migrateFrontDb). `npm run migrate`, the demo and the
 * tests call it; the apps refuse to start on a schema with pending migrations.
 */
async function main(): Promise<void> {
  const { config, topology } = loadOneWindowConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  const platform = { host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.platformDbName };
  await ensureDatabase(platform);
  const ds = new DataSource(platformDataSourceOptions(config));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    log(`platform DB ${platform.database}: ${ran.length} migration(s) applied`);
  } finally {
    await ds.destroy();
  }
  for (const d of topology.departments) {
    const action = await migrateFrontDb(d.frontDb);
    const what = action === 'adopted' ? 'created by the department from the published DDL; matches the contract, recorded as version 1' : action === 'created' ? 'created from the contract DDL' : action;
    log(`front DB ${d.frontDb.database} (${d.code} ${d.name}): ${what}`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] failed: ${err.message}\n`);
  process.exit(1);
});
