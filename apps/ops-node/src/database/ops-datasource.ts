import { DbTarget, SchemaSpec } from '@app/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OPS_NODE_MIGRATIONS } from './migrations';

/** The ops node's own DB (raw SQL behind repositories, no entities). */
export function opsDb(config: OpsNodeConfig): SchemaSpec {
  return {
    label: 'ops node DB',
    target: config.dbTarget(config.opsDbName),
    migrations: OPS_NODE_MIGRATIONS,
    migrationsTableName: 'ops_migrations',
    poolSize: config.DB_POOL_SIZE,
  };
}

/** The ops front DB (运维前置库) where the upstream node drops downlink records. */
export function opsFrontDbConfig(config: OpsNodeConfig): DbTarget {
  return config.dbTarget(config.opsFrontDbName);
}
