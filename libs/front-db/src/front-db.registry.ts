import { AppError, ReturnCode } from '@app/common';
import { DepartmentConfig } from '@app/exchange-contract';
import { FrontDbClient } from './front-db.client';
import { assertMigrated, assertPacketLimit, buildDataSource, OpenOptions } from './front-db.connection';
import { detectContractVersion, frontDbDifferences } from './front-db.schema-check';

export interface RegistryOptions extends OpenOptions {
  /** refuse to start unless every front DB answers (tests, CLIs); default false for the apps */
  strict?: boolean;
  /** how often an unreachable front DB is tried again */
  retryMs?: number;
  /** refuse a front DB whose max_allowed_packet cannot carry a file of this size */
  largestBlobBytes?: number;
  /** extra migrations table that must be up to date too (the simulator's own tables) */
  alsoCheck?: OpenOptions;
  onChange?: (deptCode: string, status: string) => void;
}

/**
 * One FrontDbClient per department of the topology. A department whose front DB cannot be
 * reached (or is not migrated) does not stop the process: it is reported as down, tried again
 * every retryMs, and every use of it fails with 5001 前置库不可用 meanwhile — dispatch
 * reschedules, notifications are refused with that code, scans skip it.
 */
export class FrontDbRegistry {
  private readonly clients = new Map<string, FrontDbClient>();
  private readonly down = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private retrying = false;
  private closed = false;

  private constructor(
    private readonly departments: DepartmentConfig[],
    private readonly opts: RegistryOptions,
  ) {}

  static async open(departments: DepartmentConfig[], opts: RegistryOptions = {}): Promise<FrontDbRegistry> {
    const reg = new FrontDbRegistry(departments, opts);
    for (const d of departments) {
      const error = await reg.connect(d);
      if (error && opts.strict) {
        await reg.close();
        throw new Error(error);
      }
    }
    if (reg.down.size > 0) reg.scheduleRetry();
    return reg;
  }

  private async connect(d: DepartmentConfig): Promise<string | null> {
    const ds = buildDataSource(d.frontDb, this.opts);
    try {
      await ds.initialize();
      await assertMigrated(ds, `front DB of ${d.code}`);
      // a front DB is used at the contract version its tables are at (a version-1 one until it is upgraded)
      const version = await detectContractVersion(ds);
      const differences = await frontDbDifferences(ds, version);
      if (differences.length > 0) throw new Error(`its tables do not match the front-DB contract: ${differences.join('; ')}`);
      if (this.opts.largestBlobBytes) await assertPacketLimit(ds, this.opts.largestBlobBytes, `front DB of ${d.code}`);
      if (this.opts.alsoCheck) {
        const extra = buildDataSource(d.frontDb, { ...this.opts.alsoCheck, poolSize: 1 });
        await extra.initialize();
        try {
          await assertMigrated(extra, `front DB of ${d.code} (${this.opts.alsoCheck.migrationsTableName})`);
        } finally {
          await extra.destroy();
        }
      }
      if (this.closed) {
        await ds.destroy();
        return null;
      }
      this.clients.set(d.code, new FrontDbClient(d.code, ds, version));
      if (this.down.delete(d.code)) this.opts.onChange?.(d.code, 'up');
      return null;
    } catch (err) {
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
      const reason = `front DB of ${d.code} (${d.frontDb.host}:${d.frontDb.port}/${d.frontDb.database}): ${(err as Error).message}`;
      if (this.down.get(d.code) !== reason) this.opts.onChange?.(d.code, `down: ${reason}`);
      this.down.set(d.code, reason);
      return reason;
    }
  }

  private scheduleRetry(): void {
    this.timer = setInterval(() => {
      // a slow attempt (connect timeout) must not overlap the next tick and leak a second pool
      if (this.retrying) return;
      this.retrying = true;
      void (async () => {
        try {
          for (const d of this.departments.filter((x) => this.down.has(x.code))) await this.connect(d);
          if (this.down.size === 0) clearInterval(this.timer);
        } finally {
          this.retrying = false;
        }
      })();
    }, this.opts.retryMs ?? 5000);
    this.timer.unref();
  }

  get(deptCode: string): FrontDbClient {
    const c = this.clients.get(deptCode);
    if (c) return c;
    if (this.down.has(deptCode)) throw new AppError(ReturnCode.FRONT_DB_UNAVAILABLE, deptCode);
    throw new Error(`no front DB for department ${deptCode}`);
  }

  all(): FrontDbClient[] {
    return [...this.clients.values()];
  }

  /** Department code → 'up' or the reason it is down. */
  status(): Record<string, string> {
    return Object.fromEntries(this.departments.map((d) => [d.code, this.down.has(d.code) ? `down: ${this.down.get(d.code)}` : 'up']));
  }

  /** Nest calls this on shutdown when the registry is a provider. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all([...this.clients.values()].map((c) => (c.ds.isInitialized ? c.ds.destroy() : undefined)));
    this.clients.clear();
  }
}
