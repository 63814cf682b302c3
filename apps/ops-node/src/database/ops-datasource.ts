import { DataSourceOptions } from 'typeorm';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OPS_NODE_MIGRATIONS } from './migrations';

export function opsDataSourceOptions(config: OpsNodeConfig): DataSourceOptions {
  return {
    type: 'mysql',
    host: config.DB_HOST,
    port: config.DB_PORT,
    username: config.DB_USER,
    password: config.DB_PASSWORD,
    database: config.opsDbName,
    timezone: '+08:00',
    charset: 'utf8mb4_unicode_ci',
    poolSize: config.DB_POOL_SIZE,
    entities: [],
    migrations: OPS_NODE_MIGRATIONS,
    migrationsTableName: 'ops_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { connectTimeout: 5000, enableKeepAlive: true },
  };
}

/** The ops front DB (运维前置库) where the upstream node drops downlink records. */
export function opsFrontDbConfig(config: OpsNodeConfig) {
  return { host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.opsFrontDbName };
}
