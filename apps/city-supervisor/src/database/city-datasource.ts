import { DataSource, DataSourceOptions } from 'typeorm';
import { CityConfig } from '../config/city.config';
import { CITY_MIGRATIONS } from './migrations';

/**
 * The city's own DB. Its tables are written by multi-row SQL (reports of thousands of items) and read
 * by aggregate queries, so there are no entities: the migrations are the schema.
 */
export function cityDataSourceOptions(config: CityConfig): DataSourceOptions {
  return {
    type: 'mysql',
    host: config.DB_HOST,
    port: config.DB_PORT,
    username: config.DB_USER,
    password: config.DB_PASSWORD,
    database: config.cityDbName,
    timezone: '+08:00',
    charset: 'utf8mb4_unicode_ci',
    poolSize: config.DB_POOL_SIZE,
    entities: [],
    migrations: CITY_MIGRATIONS,
    migrationsTableName: 'city_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { connectTimeout: 5000, enableKeepAlive: true },
  };
}

export function buildCityDataSource(config: CityConfig): DataSource {
  return new DataSource(cityDataSourceOptions(config));
}
