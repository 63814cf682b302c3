import 'reflect-metadata';
import { DbGrant, runMigrateCli } from '@app/common';
import { loadDeptSimConfig } from '../config/dept-sim.config';
import { SIM_MIGRATIONS, SIM_MIGRATIONS_TABLE } from '../database/sim-job.migration';

/** Adds the simulator's private tables to each department's front DB (after the contract migration). */
runMigrateCli(async (m) => {
  const { config, topology } = loadDeptSimConfig();
  for (const d of topology.departments) {
    await m.migrate({ label: 'dept-sim tables in', target: d.frontDb, migrations: SIM_MIGRATIONS, migrationsTableName: SIM_MIGRATIONS_TABLE, poolSize: 2 });
  }
  // the simulated departments' writer account: their front DBs only (a real department grants its own)
  const grants = topology.departments.map((d): DbGrant => ({ database: d.frontDb.database, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] }));
  await m.provision(config.dbServer, grants, `DML on ${topology.departments.length} front DB(s)`);
}, 'dept-sim');
