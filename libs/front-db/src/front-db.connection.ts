import { FrontDbConfig } from '@app/exchange-contract';
import { createConnection } from 'mysql2/promise';
import { DataSource, MigrationInterface } from 'typeorm';

export interface OpenOptions {
  poolSize?: number;
  /** name of the TypeORM migrations table; the contract uses ex_migrations */
  migrationsTableName?: string;
  migrations?: (new () => MigrationInterface)[];
}

/**
 * Creates the schema if it does not exist (the simulator plays the DBA for the departments).
 * An existing schema is left alone: a department's account may hold no CREATE privilege.
 */
export async function ensureDatabase(cfg: FrontDbConfig): Promise<void> {
  const conn = await createConnection({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password });
  try {
    const [rows] = await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [cfg.database]);
    if ((rows as unknown[]).length > 0) return;
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${cfg.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

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

/** Fails with a clear message when a migrate step was skipped. */
export async function assertMigrated(ds: DataSource, what: string): Promise<void> {
  if (await ds.showMigrations()) {
    throw new Error(`${what}: database ${String(ds.options.database)} has pending migrations; run "npm run migrate" first`);
  }
}

/**
 * Materials travel as hex inside INSERT statements (twice their size); a server whose
 * max_allowed_packet cannot carry the largest allowed file would refuse it forever.
 */
export async function assertPacketLimit(ds: DataSource, largestBlobBytes: number, what: string): Promise<void> {
  const [row] = (await ds.query('SELECT @@max_allowed_packet AS p')) as { p: string | number }[];
  const need = 2 * largestBlobBytes + 1024 * 1024;
  if (Number(row.p) < need) {
    throw new Error(`${what}: max_allowed_packet is ${row.p} bytes; files of up to ${largestBlobBytes} bytes need at least ${need} (set max_allowed_packet=256M on the server)`);
  }
}
