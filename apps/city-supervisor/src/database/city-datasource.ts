import { SchemaSpec } from '@app/common';
import { CityConfig } from '../config/city.config';
import { CITY_MIGRATIONS } from './migrations';

/**
 * The city's own DB. Its tables are written by multi-row SQL (reports of thousands of items) and read
 * by aggregate queries, so there are no entities: the migrations are the schema.
 */
export function cityDb(config: CityConfig): SchemaSpec {
  return {
    label: 'city DB',
    target: config.dbTarget(config.cityDbName),
    migrations: CITY_MIGRATIONS,
    migrationsTableName: 'city_migrations',
    poolSize: config.DB_POOL_SIZE,
  };
}
