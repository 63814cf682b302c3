import { EntityManager } from 'typeorm';

/** What the MariaDB server tells about itself (no table of ours): version, schemas, global status counters. */
export class DatabaseServerRepository {
  constructor(private readonly db: EntityManager) {}

  async version(): Promise<string> {
    const [{ v }] = (await this.db.query('SELECT VERSION() AS v')) as { v: string }[];
    return v;
  }

  /** Schema names starting with `prefix` (taken literally: its underscores are not wildcards), sorted. */
  async schemasStartingWith(prefix: string): Promise<string[]> {
    const rows = (await this.db.query('SELECT schema_name AS s FROM information_schema.schemata WHERE schema_name LIKE ? ORDER BY 1', [
      `${prefix.replace(/_/g, '\\_')}%`,
    ])) as { s: string }[];
    return rows.map((r) => r.s);
  }

  /** The global status counters Threads_connected and Questions (absent ones are missing from the answer). */
  async connectionAndQueryCounters(): Promise<Record<string, number>> {
    const rows = (await this.db.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected','Questions')")) as {
      Variable_name: string;
      Value: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
  }
}
