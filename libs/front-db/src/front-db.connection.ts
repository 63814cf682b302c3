import { FrontDbConfig } from '@app/exchange-contract';
import { DataSource, MigrationInterface } from 'typeorm';

export interface OpenOptions {
  poolSize?: number;
  /** name of the TypeORM migrations table; the contract uses ex_migrations */
  migrationsTableName?: string;
  migrations?: (new () => MigrationInterface)[];
}

// creating a missing schema and refusing an unmigrated one are the same for the platform DBs and the front DBs: one implementation
export { assertMigrated, ensureDatabase } from '@app/common';

export function buildDataSource(cfg: FrontDbConfig, opts: OpenOptions = {}): DataSource {
  return new DataSource({
    type: 'mysql',
    host: cfg.host,
    port: cfg.port,
    username: cfg.user,
    password: cfg.password,
    database: cfg.database,
    timezone: '+08:00',
    charset: 'utf8mb4_unicode_ci',
    poolSize: opts.poolSize ?? 10,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: opts.migrationsTableName ?? 'ex_migrations',
    migrations: opts.migrations ?? [],
    entities: [],
    logging: false,
    // JSON columns as the text stored: MariaDB reports LONGTEXT … CHECK (JSON_VALID(…)) as JSON and
    // mysql2 would parse it, so a stored JSON string would reach the reader as a bare string and be
    // parsed a second time; the reader parses (and validates) exactly once itself
    extra: { connectTimeout: 5000, enableKeepAlive: true, jsonStrings: true },
  });
}

/**
 * Materials travel as hex inside INSERT statements (twice their size); a server whose
 * max_allowed_packet cannot carry the largest allowed file would refuse it forever.
 */
export async function assertPacketLimit(ds: DataSource, largestBlobBytes: number, what: string): Promise<void> {
  const [row] = (await ds.query('SELECT @@max_allowed_packet AS p')) as { p: string | number }[];
  const need = 2 * largestBlobBytes + 1024 * 1024;
  if (Number(row.p) < need) {
    throw new Error(
      `${what}: max_allowed_packet is ${row.p} bytes; files of up to ${largestBlobBytes} bytes need at least ${need} (set max_allowed_packet=256M on the server)`,
    );
  }
}
