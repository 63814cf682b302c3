import { DataSource, DataSourceOptions } from 'typeorm';
import { OneWindowConfig } from '../config/one-window.config';
import { PLATFORM_ENTITIES } from './entities';
import { PLATFORM_MIGRATIONS } from './migrations';

export function platformDataSourceOptions(config: OneWindowConfig): DataSourceOptions {
  return {
    type: 'mysql',
    host: config.DB_HOST,
    port: config.DB_PORT,
    username: config.DB_USER,
    password: config.DB_PASSWORD,
    database: config.platformDbName,
    timezone: '+08:00',
    charset: 'utf8mb4_unicode_ci',
    poolSize: config.DB_POOL_SIZE,
    entities: PLATFORM_ENTITIES,
    migrations: PLATFORM_MIGRATIONS,
    migrationsTableName: 'ow_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { connectTimeout: 5000, enableKeepAlive: true },
  };
}

export function buildPlatformDataSource(config: OneWindowConfig): DataSource {
  return new DataSource(platformDataSourceOptions(config));
}
