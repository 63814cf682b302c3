import { DataSource } from 'typeorm';
import type { DbServer, DbGrant } from '../db/db-account';
import { dbAccountHostsFromEnv, dbAdminFromEnv, provisionDbAccount } from '../db/db-account';
import { ensureDatabase } from '../db/ensure-database';
import { mysqlDataSourceOptions, SchemaSpec } from '../db/schema';

/** What a migrate CLI is given: the account the schema work runs as, logging, and the steps every CLI takes. */
export interface MigrateRun {
  /** the administrative account (DB_ADMIN_USER), when set */
  readonly admin?: { user: string; password: string };
  /** the same connection settings with the admin's credentials when there is one (schema work runs as admin) */
  asAdmin<T extends { user: string; password: string }>(c: T): T;
  log(msg: string): void;
  /**
   * Creates the schema if missing and runs its pending migrations, each in its own transaction, as
   * the admin; `then` runs on the same connection afterwards (data steps that follow the schema).
   */
  migrate(s: SchemaSpec, then?: (ds: DataSource) => Promise<void>): Promise<void>;
  /**
   * With an admin account: (re)provisions the app's own account (DB_USER) with exactly these grants,
   * from the client hosts of DB_ACCOUNT_HOSTS, and logs `account <user>: <summary>`. Without: nothing.
   */
  provision(own: DbServer, grants: DbGrant[], summary: string, opts?: { global?: 'SHOW DATABASES'[] }): Promise<void>;
}

/** Whether a schema on `db` is reached with the same server and account as `own` (so the own account's grants can cover it). */
export const sameDbAccount = (db: DbServer, own: DbServer): boolean => db.host === own.host && db.port === own.port && db.user === own.user;

/**
 * The explicit migrate step of an app (`npm run migrate`, the demo and the tests call it; the apps
 * refuse to start on a schema with pending migrations). With DB_ADMIN_USER the schema work runs as
 * admin and the app's own account is provisioned after (docs/security.md, "Database accounts").
 * A failure ends the process with exit code 1 and `[migrate] <name> failed: <reason>` on stderr.
 */
export function runMigrateCli(steps: (m: MigrateRun) => Promise<void>, name?: string): void {
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  const run = async () => {
    const admin = dbAdminFromEnv();
    const asAdmin = <T extends { user: string; password: string }>(c: T): T => (admin ? { ...c, user: admin.user, password: admin.password } : c);
    await steps({
      admin,
      asAdmin,
      log,
      async migrate(s, then) {
        const target = asAdmin(s.target);
        await ensureDatabase(target);
        const ds = new DataSource(mysqlDataSourceOptions({ ...s, target }));
        await ds.initialize();
        try {
          const ran = await ds.runMigrations({ transaction: 'each' });
          log(`${s.label} ${s.target.database}: ${ran.length} migration(s) applied`);
          await then?.(ds);
        } finally {
          await ds.destroy();
        }
      },
      async provision(own, grants, summary, opts = {}) {
        if (!admin) return;
        await provisionDbAccount({ host: own.host, port: own.port, ...admin }, { user: own.user, password: own.password }, grants, {
          hosts: dbAccountHostsFromEnv(),
          ...opts,
        });
        log(`account ${own.user}: ${summary}`);
      },
    });
  };
  run().catch((err: Error) => {
    process.stderr.write(`[migrate] ${name ? `${name} ` : ''}failed: ${err.message}\n`);
    process.exit(1);
  });
}
