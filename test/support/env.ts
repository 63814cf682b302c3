import { DEFAULT_DEPARTMENTS } from '@app/exchange-contract';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The private MariaDB that scripts/test.mjs started (TEST_DB_*), or a clear failure. */
export function testDb(): { host: string; port: number; user: string; password: string } {
  const port = Number(process.env.TEST_DB_PORT);
  if (!port) throw new Error('TEST_DB_PORT is not set: run the integration tests through `npm test` (scripts/test.mjs starts the private MariaDB)');
  return { host: process.env.TEST_DB_HOST ?? '127.0.0.1', port, user: process.env.TEST_DB_USER ?? 'sim', password: process.env.TEST_DB_PASSWORD ?? 'sim' };
}

let topologyFile: string | undefined;

/**
 * The exchange topology of this test run: the five default departments, each with its own two
 * WebService accounts and random passwords made for this run (mode 600, in a temporary
 * directory). Every app of the tests reads it (EXCHANGE_TOPOLOGY_FILE) in production mode, so
 * nothing is derived from a shared secret.
 */
export function testTopologyFile(): string {
  if (!topologyFile) {
    const pw = () => randomBytes(18).toString('base64url');
    const departments = DEFAULT_DEPARTMENTS.map((d) => ({
      ...d,
      platformCredential: { username: `platform-to-${d.code.toLowerCase()}`, password: pw() },
      deptCredential: { username: `dept-${d.code.toLowerCase()}`, password: pw() },
    }));
    topologyFile = join(mkdtempSync(join(tmpdir(), 'exchange-topology-')), 'topology.json');
    writeFileSync(topologyFile, JSON.stringify({ departments }, null, 2), { mode: 0o600 });
  }
  return topologyFile;
}

/** The DB_* settings every app of a test takes (the private MariaDB and the suite's schema prefix), and the run's exchange topology. */
export function dbEnv(prefix: string): NodeJS.ProcessEnv {
  const db = testDb();
  return {
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_USER: db.user,
    DB_PASSWORD: db.password,
    DB_NAME_PREFIX: prefix,
    EXCHANGE_TOPOLOGY_FILE: testTopologyFile(),
  };
}

/** Bearer token of the simulators' control routes (dept-sim profiles, mail/SMS/voice /sim/*), new for every test process */
export const SIM_CONTROL_TOKEN = randomBytes(24).toString('base64url');

/** Password of the apps' own DB accounts in this test process (each suite's accounts carry its prefix). */
const APP_DB_PASSWORD = `App#${randomBytes(12).toString('base64url')}`;

export type DbApp = 'ow' | 'ds' | 'ops' | 'city';

/**
 * The app's own least-privilege DB account (created by its migrate step, run with adminDbEnv()):
 * `<prefix>ow` for the platform, `ds` the simulated departments, `ops` the node, `city` the city.
 */
export function appDbEnv(prefix: string, app: DbApp): NodeJS.ProcessEnv {
  return { DB_USER: `${prefix}${app}`, DB_PASSWORD: APP_DB_PASSWORD };
}

/** The administrative account of the migrate step: the private MariaDB's test account. */
export function adminDbEnv(): NodeJS.ProcessEnv {
  const db = testDb();
  return { DB_ADMIN_USER: db.user, DB_ADMIN_PASSWORD: db.password };
}

/** A schema-name prefix of its own for each suite, so suites never see each other's rows. */
export function freshPrefix(): string {
  return `t${randomBytes(4).toString('hex')}_`;
}

export async function dropDatabases(prefix: string): Promise<void> {
  const conn = await createConnection(testDb());
  try {
    const [rows] = await conn.query('SHOW DATABASES');
    for (const r of rows as { Database: string }[]) {
      if (r.Database.startsWith(prefix)) await conn.query(`DROP DATABASE \`${r.Database}\``);
    }
    const [users] = await conn.query('SELECT User AS u, Host AS h FROM mysql.user WHERE User LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
    for (const u of users as { u: string; h: string }[]) await conn.query('DROP USER ?@?', [u.u, u.h]);
  } finally {
    await conn.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
