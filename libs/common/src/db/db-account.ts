import { createConnection } from 'mysql2/promise';

export interface DbServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** Privileges on one schema (`db`.*). */
export interface DbGrant {
  database: string;
  privileges: ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[];
}

const NAME = /^[A-Za-z0-9_.-]{1,80}$/;

/**
 * Least privilege in MariaDB/MySQL: (re)creates an application's own account and gives it exactly the
 * listed privileges — everything else it may have held is revoked first, so a re-run removes drift.
 * Runs as an administrative account (the migrate step); the application never holds that one.
 * `hosts` are the client hosts the account may connect from (loopback by default).
 */
export async function provisionDbAccount(
  admin: DbServer,
  account: { user: string; password: string },
  grants: DbGrant[],
  opts: { hosts?: string[]; global?: 'SHOW DATABASES'[] } = {},
): Promise<void> {
  const hosts = opts.hosts ?? ['127.0.0.1', 'localhost'];
  if (!NAME.test(account.user)) throw new Error(`database account name ${JSON.stringify(account.user)} is not allowed`);
  if (account.user === admin.user)
    throw new Error(`the application account must not be the administrative account ${admin.user}: set DB_USER to the application's own account`);
  for (const g of grants) if (!/^[A-Za-z0-9_]{1,64}$/.test(g.database)) throw new Error(`bad schema name ${g.database}`);
  const conn = await createConnection({ host: admin.host, port: admin.port, user: admin.user, password: admin.password });
  try {
    for (const host of hosts) {
      const who = `${conn.escape(account.user)}@${conn.escape(host)}`;
      await conn.query(`CREATE USER IF NOT EXISTS ${who} IDENTIFIED BY ${conn.escape(account.password)}`);
      await conn.query(`ALTER USER ${who} IDENTIFIED BY ${conn.escape(account.password)}`);
      await conn.query(`REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${who}`);
      for (const g of grants) await conn.query(`GRANT ${g.privileges.join(', ')} ON \`${g.database}\`.* TO ${who}`);
      if (opts.global?.length) await conn.query(`GRANT ${opts.global.join(', ')} ON *.* TO ${who}`);
    }
  } finally {
    await conn.end();
  }
}

/** The privileges an application account holds (SHOW GRANTS), for checks and the docs. */
export async function grantsOf(admin: DbServer, user: string, host = '127.0.0.1'): Promise<string[]> {
  const conn = await createConnection({ host: admin.host, port: admin.port, user: admin.user, password: admin.password });
  try {
    const [rows] = await conn.query(`SHOW GRANTS FOR ${conn.escape(user)}@${conn.escape(host)}`);
    return (rows as Record<string, string>[]).map((r) => Object.values(r)[0]);
  } finally {
    await conn.end();
  }
}

/**
 * The administrative account of the migrate step (DB_ADMIN_USER / DB_ADMIN_PASSWORD). With it the
 * migrate step creates the schemas, runs the migrations and provisions the application's own
 * account (DB_USER / DB_PASSWORD) with least privilege; without it the migrations run as DB_USER,
 * whose grants the DBA manages by hand (docs/security.md, "Database accounts").
 */
export function dbAdminFromEnv(env: NodeJS.ProcessEnv = process.env): { user: string; password: string } | undefined {
  const user = env.DB_ADMIN_USER;
  if (!user) return undefined;
  if (!NAME.test(user)) throw new Error(`Invalid configuration:\n  DB_ADMIN_USER=${JSON.stringify(user)}: not a valid account name`);
  return { user, password: env.DB_ADMIN_PASSWORD ?? '' };
}

/** Client hosts the provisioned accounts may connect from: DB_ACCOUNT_HOSTS (comma-separated), loopback by default. */
export function dbAccountHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const hosts = (env.DB_ACCOUNT_HOSTS ?? '127.0.0.1,localhost')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (const h of hosts)
    if (!/^[A-Za-z0-9_.:%-]{1,255}$/.test(h)) throw new Error(`Invalid configuration:\n  DB_ACCOUNT_HOSTS: ${JSON.stringify(h)} is not a host pattern`);
  return hosts;
}
