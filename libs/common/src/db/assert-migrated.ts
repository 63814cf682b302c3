import type { DataSource } from 'typeorm';

/** Fails with a clear message when a migrate step was skipped. */
export async function assertMigrated(ds: DataSource, what: string): Promise<void> {
  if (await ds.showMigrations()) {
    throw new Error(`${what}: database ${String(ds.options.database)} has pending migrations; run "npm run migrate" first`);
  }
}
