import { DepartmentConfig } from '@app/exchange-contract';
import { FrontDbClient } from './front-db.client';
import { assertMigrated, buildDataSource, OpenOptions } from './front-db.connection';

/** One FrontDbClient per department of the topology, opened once per process. */
export class FrontDbRegistry {
  private readonly clients = new Map<string, FrontDbClient>();

  static async open(departments: DepartmentConfig[], opts: OpenOptions & { checkMigrated?: boolean } = {}): Promise<FrontDbRegistry> {
    const reg = new FrontDbRegistry();
    try {
      for (const d of departments) {
        const ds = buildDataSource(d.frontDb, opts);
        await ds.initialize();
        reg.clients.set(d.code, new FrontDbClient(d.code, ds));
        if (opts.checkMigrated !== false) await assertMigrated(ds, `front DB of ${d.code}`);
      }
    } catch (err) {
      await reg.close();
      throw err;
    }
    return reg;
  }

  get(deptCode: string): FrontDbClient {
    const c = this.clients.get(deptCode);
    if (!c) throw new Error(`no front DB for department ${deptCode}`);
    return c;
  }

  all(): FrontDbClient[] {
    return [...this.clients.values()];
  }

  /** Nest calls this on shutdown when the registry is a provider. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => (c.ds.isInitialized ? c.ds.destroy() : undefined)));
    this.clients.clear();
  }
}
