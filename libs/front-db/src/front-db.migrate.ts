import { FrontDbConfig } from '@app/exchange-contract';
import { buildDataSource, ensureDatabase } from './front-db.connection';
import { FRONT_DB_MIGRATIONS } from './migrations/1763780000000-front-db-v1';
import { FRONT_DB_CONTRACT_VERSION, FrontDbContractVersion } from './front-db.ddl';
import { contractTables, contractVersionOf, detectContractVersion, frontDbDifferences, readTables } from './front-db.schema-check';

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

export interface FrontDbMigration {
  action: 'created' | 'adopted' | 'migrated' | 'up to date';
  /** the contract version the department's own tables matched when they were adopted */
  adoptedVersion?: FrontDbContractVersion;
  /** the contract version of the front DB afterwards */
  version: FrontDbContractVersion;
}

/**
 * The migrate step for one department's front DB, whoever created it:
 *  - no contract table yet → the platform creates them (the simulator plays the DBA);
 *  - the department created them from the published DDL (of version 1 or 2) → they are compared
 *    with the contract version they are at and, when they match, recorded as that version in
 *    ex_migrations ("adopted", nothing created); when they do not, nothing is touched and the
 *    error names every difference;
 *  - recorded already, or just adopted → pending later versions run (additive: version 2 adds
 *    nullable columns a version-1 reader never names); the tables are checked again either way.
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
    let action: FrontDbMigration['action'];
    let adoptedVersion: FrontDbContractVersion | undefined;
    if (!recorded && present.length > 0) {
      adoptedVersion = contractVersionOf(present);
      const differences = await frontDbDifferences(ds, adoptedVersion);
      if (differences.length > 0) throw new FrontDbContractMismatch(cfg.database, differences);
      // contract version n is the first n migrations: record those as done, run the later ones
      const fake = buildDataSource(cfg, { migrations: FRONT_DB_MIGRATIONS.slice(0, adoptedVersion), poolSize: 1 });
      await fake.initialize();
      try {
        await fake.runMigrations({ transaction: 'each', fake: true });
      } finally {
        await fake.destroy();
      }
      await ds.runMigrations({ transaction: 'each' });
      action = 'adopted';
    } else {
      const ran = await ds.runMigrations({ transaction: 'each' });
      action = ran.length === 0 ? 'up to date' : present.length === 0 ? 'created' : 'migrated';
    }
    const version = await detectContractVersion(ds);
    const differences = await frontDbDifferences(ds, version);
    if (differences.length > 0) throw new FrontDbContractMismatch(cfg.database, differences);
    if (version !== FRONT_DB_CONTRACT_VERSION) throw new Error(`front DB ${cfg.database}: at contract version ${version} after migrate`);
    return { action, adoptedVersion, version };
  } finally {
    await ds.destroy();
  }
}
