import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import type { DbTarget } from '../config/db.config';

/**
 * One DB an app owns: where it is, its one migration list (the schema), the table that records
 * which ran, and the entities (none where raw SQL behind repositories owns the tables). The app
 * module, the boot-time migration check and the migrate CLI all open it from this one description.
 */
export interface SchemaSpec {
  /** how logs and boot errors name it, e.g. `platform DB` */
  label: string;
  target: DbTarget;
  migrations: (new () => MigrationInterface)[];
  migrationsTableName: string;
  entities?: DataSourceOptions['entities'];
  poolSize: number;
}

/** The connection settings of every platform DB: Beijing time, utf8mb4, no synchronize, migrations only by the migrate step. */
export function mysqlDataSourceOptions(s: SchemaSpec): DataSourceOptions {
  return {
    type: 'mysql',
    host: s.target.host,
    port: s.target.port,
    username: s.target.user,
    password: s.target.password,
    database: s.target.database,
    timezone: '+08:00',
    charset: 'utf8mb4_unicode_ci',
    poolSize: s.poolSize,
    entities: s.entities ?? [],
    migrations: s.migrations,
    migrationsTableName: s.migrationsTableName,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { connectTimeout: 5000, enableKeepAlive: true },
  };
}

/** The app's root TypeORM connection (the DataSource its repositories inject). */
export function schemaRootModule(s: SchemaSpec): DynamicModule {
  return TypeOrmModule.forRoot(mysqlDataSourceOptions(s));
}

/** Opens a short-lived connection to the schema, runs `fn` on it and closes it whatever happens. */
export async function withSchema<T>(s: SchemaSpec, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(mysqlDataSourceOptions(s));
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}
