import 'reflect-metadata';
import { buildDataSource, ensureDatabase } from '@app/front-db';
import { loadDeptSimConfig } from '../config/dept-sim.config';
import { SIM_MIGRATIONS, SIM_MIGRATIONS_TABLE } from '../database/sim-job.migration';

/** Adds the simulator's private tables to each department's front DB (after the contract migration). */
async function main(): Promise<void> {
  const { topology } = loadDeptSimConfig();
  for (const d of topology.departments) {
    await ensureDatabase(d.frontDb);
    const ds = buildDataSource(d.frontDb, { migrations: SIM_MIGRATIONS, migrationsTableName: SIM_MIGRATIONS_TABLE, poolSize: 2 });
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(`[migrate] dept-sim tables in ${d.frontDb.database}: ${ran.length} migration(s) applied\n`);
    } finally {
      await ds.destroy();
    }
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] dept-sim failed: ${err.message}\n`);
  process.exit(1);
});
