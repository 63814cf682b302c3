import 'reflect-metadata';
import { ensureDatabase } from '@app/front-db';
import { DataSource } from 'typeorm';
import { loadCityConfig } from '../config/city.config';
import { cityDataSourceOptions } from '../database/city-datasource';
import { ensureDownlinkFrontDb } from '../downlink/front-db-pools';

/**
 * The explicit migrate step of the city: creates (if needed) and migrates the city DB, then creates
 * the downlink tables in the ops front DB of every registered node when missing.
 */
async function main(): Promise<void> {
  const { config, nodes } = loadCityConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  await ensureDatabase({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.cityDbName });
  const ds = new DataSource(cityDataSourceOptions(config));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    log(`city DB ${config.cityDbName}: ${ran.length} migration(s) applied`);
  } finally {
    await ds.destroy();
  }
  for (const n of nodes) {
    await ensureDownlinkFrontDb(n.frontDb);
    log(`ops front DB ${n.frontDb.database} (${n.nodeCode} ${n.name}): downlink tables present`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] failed: ${err.message}\n`);
  process.exit(1);
});
