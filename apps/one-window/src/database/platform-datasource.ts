import { mysqlDataSourceOptions, SchemaSpec } from '@app/common';
import { DataSourceOptions } from 'typeorm';
import { OneWindowConfig } from '../config/one-window.config';
import { PLATFORM_ENTITIES } from './entities';
import { PLATFORM_MIGRATIONS } from './migrations';

/** The platform DB: its migration list and the entities of the catalog. */
export function platformDb(config: OneWindowConfig): SchemaSpec {
  return {
    label: 'platform DB',
    target: config.dbTarget(config.platformDbName),
    migrations: PLATFORM_MIGRATIONS,
    migrationsTableName: 'ow_migrations',
    entities: PLATFORM_ENTITIES,
    poolSize: config.DB_POOL_SIZE,
  };
}

export function platformDataSourceOptions(config: OneWindowConfig): DataSourceOptions {
  return mysqlDataSourceOptions(platformDb(config));
}
