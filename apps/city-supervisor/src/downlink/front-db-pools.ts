import { AppError, ReturnCode } from '@app/common';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createPool, Pool } from 'mysql2/promise';
import { NodeRegistry } from '../core/node-registry';

/** Adapter for the district ops front DBs the upstream node writes into: one small pool per node, opened on first use. */
@Injectable()
export class FrontDbPools implements OnApplicationShutdown {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly registry: NodeRegistry) {}

  pool(nodeCode: string): Pool {
    let pool = this.pools.get(nodeCode);
    if (!pool) {
      const db = this.registry.get(nodeCode).frontDb;
      pool = createPool({
        host: db.host,
        port: db.port,
        user: db.user,
        password: db.password,
        database: db.database,
        connectionLimit: 4,
        connectTimeout: 5000,
        timezone: '+08:00',
        charset: 'utf8mb4_unicode_ci',
      });
      this.pools.set(nodeCode, pool);
    }
    return pool;
  }

  /** Runs fn on a node's front DB; connection failures become 5001 (前置库不可用). */
  async use<T>(nodeCode: string, fn: (pool: Pool) => Promise<T>): Promise<T> {
    const pool = this.pool(nodeCode);
    try {
      return await fn(pool);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (/^(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|PROTOCOL_CONNECTION_LOST|ER_BAD_DB_ERROR|ER_ACCESS_DENIED_ERROR|ER_NO_SUCH_TABLE)$/.test(code)) {
        throw new AppError(ReturnCode.FRONT_DB_UNAVAILABLE, `${nodeCode}: ${code}`);
      }
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end().catch(() => undefined)));
  }
}
