import { FrontDbConfig } from '@app/exchange-contract';
import { buildDataSource, ensureDatabase } from './front-db.connection';
import { FRONT_DB_MIGRATIONS } from './migrations/1763780000000-front-db-v1';
import { contractTables, frontDbDifferences, readTables } from './front-db.schema-check';

/** A front DB whose tables are not the contract's: every difference, one per line. */
export class FrontDbContractMismatch extends Error {
  constructor(
    readonly database: string,
    readonly differences: string[],
  ) {
    super(
      `front DB ${database} does not match the front-DB contract (docs/front-db.md):\n${differences.map((d) => `  - ${d}`).join('\n')}\n` +
        '  Correct these tables to the published DDL (or drop them all and let migrate create them), then run migrate again.',
    );
    this.name = 'FrontDbContractMismatch';
  }
}

export type FrontDbMigration = 'created' | 'adopted' | 'migrated' | 'up to date';

/**
 * The migrate step for one department's front DB, whoever created it:
 *  - no contract table yet → the platform creates them (the simulator plays the DBA);
 *  - the department created them from the published DDL → they are compared with the contract
 *    and, when they match, recorded as contract version 1 in ex_migrations ("adopted", nothing
 *    is created or altered); when they do not, nothing is touched and the error names every
 *    difference;
 *  - recorded already → pending later versions run; the tables are checked again either way.
 */
export async function migrateFrontDb(cfg: FrontDbConfig): Promise<FrontDbMigration> {
  await ensureDatabase(cfg);
  const ds = buildDataSource(cfg, { migrations: FRONT_DB_MIGRATIONS, poolSize: 2 });
  await ds.initialize();
  try {
    // the apps' start-up check creates an empty ex_migrations, so look for the record, not the table
    const hasTable =
      ((await ds.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'ex_migrations'", [cfg.database])) as unknown[])
        .length > 0;
    const recorded = hasTable && ((await ds.query('SELECT 1 FROM ex_migrations WHERE name = ?', [new FRONT_DB_MIGRATIONS[0]().name])) as unknown[]).length > 0;
    const present = await readTables(
      ds,
      contractTables().map((t) => t.name),
    );
    let action: FrontDbMigration;
    if (!recorded && present.length > 0) {
      const differences = await frontDbDifferences(ds);
      if (differences.length > 0) throw new FrontDbContractMismatch(cfg.database, differences);
      await ds.runMigrations({ transaction: 'each', fake: true });
      action = 'adopted';
    } else {
      const ran = await ds.runMigrations({ transaction: 'each' });
      action = ran.length === 0 ? 'up to date' : present.length === 0 ? 'created' : 'migrated';
    }
    const differences = await frontDbDifferences(ds);
    if (differences.length > 0) throw new FrontDbContractMismatch(cfg.database, differences);
    return action;
  } finally {
    await ds.destroy();
  }
}
