import { FrontDbConfig } from '@app/exchange-contract';
import { createConnection } from 'mysql2/promise';
import { DataSource, MigrationInterface } from 'typeorm';

export interface OpenOptions {
  poolSize?: number;
  /** name of the TypeORM migrations table; the contract uses ex_migrations */
  migrationsTableName?: string;
  migrations?: (new () => MigrationInterface)[];
}

/** Creates the schema if it does not exist (the simulator plays the DBA for the departments). */
export async function ensureDatabase(cfg: FrontDbConfig): Promise<void> {
  const conn = await createConnection({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password });
  try {
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
    extra: { connectTimeout: 5000, enableKeepAlive: true },
  });
}

/** Fails with a clear message when a migrate step was skipped. */
export async function assertMigrated(ds: DataSource, what: string): Promise<void> {
  if (await ds.showMigrations()) {
    throw new Error(`${what}: database ${String(ds.options.database)} has pending migrations; run "npm run migrate" first`);
  }
}
