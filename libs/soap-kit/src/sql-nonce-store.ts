import { createHash } from 'node:crypto';
import type { NonceStore, RememberResult } from './nonce-replay.cache';

/** Runs one SQL statement with positional `?` parameters (a TypeORM DataSource's `query`, mysql2's `query`). */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<unknown>;

export const WS_NONCE_TABLE = 'ws_nonce';

/**
 * DDL of the durable nonce table (MySQL/MariaDB). One row per spent nonce, kept until the last
 * moment its token could still be accepted (Created + allowed skew); the primary key makes
 * "check and remember" one atomic INSERT across every replica and transport.
 */
export function wsNonceDdl(table: string = WS_NONCE_TABLE): string {
  return `CREATE TABLE ${table} (
  nonce_key CHAR(64) NOT NULL COMMENT 'SHA-256 hex of the nonce bytes (base64)',
  expires_at DATETIME(3) NOT NULL COMMENT 'Created + allowed clock skew: after it the token is stale anyway',
  PRIMARY KEY (nonce_key),
  KEY ix_${table}_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin`;
}

export interface SqlNonceStoreOptions {
  table?: string;
  /** how often expired rows are deleted (0: never, e.g. when another process purges); default 60 s */
  purgeIntervalMs?: number;
  /** rows per DELETE statement; default 5000 */
  purgeBatch?: number;
  onPurgeError?: (err: unknown) => void;
}

const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { errno?: number; driverError?: { errno?: number }; code?: string };
  return (e?.driverError?.errno ?? e?.errno) === 1062 || e?.code === 'ER_DUP_ENTRY';
};

/**
 * The WS-Security nonce store for a service whose tokens arrive over SOAP and over HTTP/JSON and that
 * may run as several replicas: a spent nonce is a row, so a token accepted once is refused on either
 * transport, by any replica, also after a restart. Rows are purged once past their window.
 */
export class SqlNonceStore implements NonceStore {
  private readonly table: string;
  private timer?: NodeJS.Timeout;
  private purging?: Promise<number>;

  constructor(
    private readonly exec: SqlExecutor,
    private readonly options: SqlNonceStoreOptions = {},
  ) {
    this.table = options.table ?? WS_NONCE_TABLE;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(this.table)) throw new TypeError(`invalid table name ${JSON.stringify(this.table)}`);
    const every = options.purgeIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.purge().catch((err: unknown) => options.onPurgeError?.(err)), every);
      this.timer.unref();
    }
  }

  async checkAndRemember(key: string, expiresAtMs: number): Promise<RememberResult> {
    const hashed = createHash('sha256').update(key, 'utf8').digest('hex');
    try {
      await this.exec(`INSERT INTO ${this.table} (nonce_key, expires_at) VALUES (?, ?)`, [hashed, new Date(expiresAtMs)]);
      return 'fresh';
    } catch (err) {
      if (isDuplicateKey(err)) return 'replay';
      throw err;
    }
  }

  /** Deletes rows whose window has passed, in batches; returns how many. One purge at a time. */
  purge(nowMs: number = Date.now()): Promise<number> {
    this.purging ??= (async () => {
      let total = 0;
      try {
        for (;;) {
          const res = (await this.exec(`DELETE FROM ${this.table} WHERE expires_at < ? LIMIT ${this.options.purgeBatch ?? 5000}`, [new Date(nowMs)])) as {
            affectedRows?: number;
          };
          const n = Number(res?.affectedRows ?? 0);
          total += n;
          if (n < (this.options.purgeBatch ?? 5000)) return total;
        }
      } finally {
        this.purging = undefined;
      }
    })();
    return this.purging;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
