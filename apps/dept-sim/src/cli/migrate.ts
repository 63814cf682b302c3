import 'reflect-metadata';
import { buildDataSource, ensureDatabase } from '@app/front-db';
import { dbAccountHostsFromEnv, dbAdminFromEnv, provisionDbAccount } from '@app/common';
import { loadDeptSimConfig } from '../config/dept-sim.config';
import { SIM_MIGRATIONS, SIM_MIGRATIONS_TABLE } from '../database/sim-job.migration';

/** Adds the simulator's private tables to each department's front DB (after the contract migration). */
async function main(): Promise<void> {
  const { config, topology } = loadDeptSimConfig();
  const admin = dbAdminFromEnv();
  const asAdmin = <T extends { user: string; password: string }>(c: T): T => (admin ? { ...c, user: admin.user, password: admin.password } : c);
  for (const d of topology.departments) {
    await ensureDatabase(asAdmin(d.frontDb));
    const ds = buildDataSource(asAdmin(d.frontDb), { migrations: SIM_MIGRATIONS, migrationsTableName: SIM_MIGRATIONS_TABLE, poolSize: 2 });
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(`[migrate] dept-sim tables in ${d.frontDb.database}: ${ran.length} migration(s) applied\n`);
    } finally {
      await ds.destroy();
    }
  }
  if (admin) {
    // the simulated departments' writer account: their front DBs only (a real department grants its own)
    await provisionDbAccount({ host: config.DB_HOST, port: config.DB_PORT, ...admin }, { user: config.DB_USER, password: config.DB_PASSWORD }, topology.departments.map((d) => ({ database: d.frontDb.database, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] })), { hosts: dbAccountHostsFromEnv() });
    process.stdout.write(`[migrate] account ${config.DB_USER}: DML on ${topology.departments.length} front DB(s)\n`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] dept-sim failed: ${err.message}\n`);
  process.exit(1);
});
