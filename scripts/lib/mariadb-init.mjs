// First use of an instance dir (mariadb-install-db) and the application account. Plain Node ESM, built-ins only.

import fs from 'node:fs';
import path from 'node:path';
import { isRoot, run } from './proc.mjs';
import { adminSql, adminUser, DB_PASSWORD, DB_USER, HOST } from './mariadb-instance.mjs';

export function isInitialised(p) {
  return fs.existsSync(path.join(p.data, 'mysql', 'global_priv.frm')) && fs.existsSync(path.join(p.dir, '.initialised'));
}

export async function initDataDir(tools, p, log) {
  if (fs.existsSync(p.data) && fs.readdirSync(p.data).length > 0) {
    // a previous initialisation was interrupted (or the dir is foreign): keep it aside, never delete
    const aside = `${p.data}.broken-${Date.now()}`;
    log(`data dir ${p.data} is not a complete MariaDB data dir; moving it to ${aside}`);
    fs.renameSync(p.data, aside);
  }
  fs.mkdirSync(p.data, { recursive: true });
  log(`initialising data dir ${p.data} (mariadb-install-db)…`);
  const args = [
    '--no-defaults',
    `--datadir=${p.data}`,
    '--auth-root-authentication-method=socket',
    `--auth-root-socket-user=${adminUser()}`,
    '--skip-test-db',
    '--skip-name-resolve',
  ];
  if (isRoot()) args.push('--user=root'); // only root may pass --user; files stay owned by root
  const t0 = Date.now();
  const r = await run(tools.installDb, args, { timeoutMs: 180_000 });
  if (r.code !== 0) {
    throw new Error(`mariadb-install-db failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-30).join('\n')}`);
  }
  fs.writeFileSync(path.join(p.dir, '.initialised'), `${new Date().toISOString()}\n`);
  log(`data dir initialised in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** Create/refresh the TCP account the applications use (idempotent). */
export async function ensureAppUser(tools, p) {
  const accounts = [`'${DB_USER}'@'127.0.0.1'`, `'${DB_USER}'@'localhost'`];
  const sql =
    accounts
      .map((a) =>
        [
          `CREATE USER IF NOT EXISTS ${a} IDENTIFIED BY '${DB_PASSWORD}'`,
          `ALTER USER ${a} IDENTIFIED BY '${DB_PASSWORD}'`,
          `GRANT ALL PRIVILEGES ON *.* TO ${a} WITH GRANT OPTION`,
        ].join('; '),
      )
      .join('; ') +
    '; FLUSH PRIVILEGES' +
    // also for an instance started before --max-allowed-packet was in serverArgs (new connections see it)
    '; SET GLOBAL max_allowed_packet = 268435456';
  const r = await adminSql(tools, p, sql);
  if (r.code !== 0) throw new Error(`could not create the '${DB_USER}' account: ${r.stderr.trim()}`);
}

/** Log in as sim over TCP and make sure it is *our* server answering on that port. */
export async function verifyTcp(tools, p, port) {
  const r = await run(
    tools.client,
    [
      '--no-defaults',
      '--protocol=tcp',
      `-h${HOST}`,
      `-P${port}`,
      `-u${DB_USER}`,
      `-p${DB_PASSWORD}`,
      '--connect-timeout=5',
      '-N',
      '-B',
      '-e',
      'select @@datadir',
    ],
    { timeoutMs: 15_000 },
  );
  if (r.code !== 0) throw new Error(`TCP login as ${DB_USER}@${HOST}:${port} failed: ${r.stderr.trim()}`);
  const got = path.resolve(r.stdout.trim());
  if (got !== path.resolve(p.data)) {
    throw new Error(`${HOST}:${port} is answered by a different MariaDB/MySQL server (datadir ${got}, expected ${p.data})`);
  }
}
