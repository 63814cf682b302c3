// Private, project-local MariaDB instance (no system service, no docker).
//
// Plain Node ESM, built-ins only: this runs before node_modules exists.
//
//   ensureMariaDb({ dir, port, log })  -> { host, port, user, password, socket, dir, startedByUs }
//   stopMariaDb({ dir, log })          -> true if a server was stopped, false if none was running
//   mariaDbStatus({ dir })             -> { running, pid, port, socket, dir, ... }
//
// Every client/server invocation gets --no-defaults and a scrubbed environment, so a
// ~/.my.cnf, /etc/mysql/*.cnf or MYSQL_* / MARIADB_* variables can never redirect us to
// another server or inject a password.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { aptInstall } from './apt.mjs';
import { cleanEnv, isRoot, run, which } from './proc.mjs';

export const DB_USER = 'sim';
export const DB_PASSWORD = 'sim';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 180_000;

const defaultLog = (msg) => console.log(`[mariadb] ${msg}`);
// mariadb-install-db creates root@localhost (unix_socket) and, if different, <os user>@localhost
// (unix_socket). We administer the instance through the socket as the current OS user.
const adminUser = () => {
  try { return os.userInfo().username; } catch { return isRoot() ? 'root' : process.env.USER || 'root'; }
};

// ---------------------------------------------------------------------------------------------
// small helpers

function findTools() {
  return {
    server: which('mariadbd'),
    client: which('mariadb'),
    admin: which('mariadb-admin'),
    installDb: which('mariadb-install-db'),
  };
}

function tail(file, n = 30) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.slice(-n - 1).join('\n').trimEnd();
  } catch {
    return `(no error log at ${file})`;
  }
}

function pidAlive(pid) {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code === 'EPERM') return true; // exists, owned by someone else
    return false;
  }
  // a zombie (exited, not yet reaped) counts as dead
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch { /* no /proc: trust kill(0) */ }
  return true;
}

/** Is `pid` a mariadbd/mysqld process? (guards against pid reuse after a crash) */
function isMariaDbProcess(pid) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /(mariadbd|mysqld)/.test(cmdline);
  } catch {
    return !fs.existsSync('/proc/self'); // no procfs: cannot tell, assume yes
  }
}

function readPid(pidFile) {
  try {
    const n = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function rmQuiet(p) {
  try { fs.rmSync(p, { force: true }); } catch { /* ignore */ }
}

/** True if something accepts TCP connections on host:port. */
function portInUse(port, host = HOST) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (v) => { sock.destroy(); resolve(v); };
    sock.setTimeout(1000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------
// paths & locking

/** All file locations of the private instance living in `dir`. */
export function mariaDbPaths(dir = '.data/mariadb') {
  const abs = path.resolve(dir);
  let socket = path.join(abs, 'mysqld.sock');
  // sockaddr_un.sun_path is 108 bytes: deep checkouts need a short socket path elsewhere.
  if (Buffer.byteLength(socket) > 100) {
    const h = createHash('sha1').update(abs).digest('hex').slice(0, 12);
    socket = path.join(os.tmpdir(), `mariadb-${h}.sock`);
  }
  return {
    dir: abs,
    data: path.join(abs, 'data'),
    socket,
    pidFile: path.join(abs, 'mysqld.pid'),
    errLog: path.join(abs, 'mysqld.err'),
    lockFile: path.join(abs, '.lock'),
  };
}

/** Cross-process lock on the instance dir so two concurrent starts/stops do not race. */
async function withLock(p, log, fn) {
  fs.mkdirSync(p.dir, { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(p.lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = readPid(p.lockFile);
      if (!holder || !pidAlive(holder)) {
        rmQuiet(p.lockFile); // stale lock from a killed process
        continue;
      }
      if (holder === process.pid) throw new Error(`internal error: re-entrant lock on ${p.lockFile}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${p.lockFile} (held by pid ${holder})`);
      if (!announced) { log(`waiting for another process (pid ${holder}) that is starting/stopping this instance…`); announced = true; }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(p.lockFile) === process.pid) rmQuiet(p.lockFile);
  }
}

// ---------------------------------------------------------------------------------------------
// client helpers

function socketArgs(p) {
  return ['--no-defaults', '--protocol=socket', `--socket=${p.socket}`, `-u${adminUser()}`];
}

/** Run SQL as the admin user over the unix socket. */
async function adminSql(tools, p, sql, timeoutMs = 15_000) {
  return run(tools.client, [...socketArgs(p), '--connect-timeout=3', '-N', '-B', '-e', sql], { timeoutMs });
}

async function ping(tools, p) {
  if (!tools.client || !fs.existsSync(p.socket)) return false;
  try {
    const r = await adminSql(tools, p, 'select 1', 8000);
    return r.code === 0 && r.stdout.trim() === '1';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// installation

async function installPackages(log) {
  const pkgs = ['mariadb-server', 'mariadb-client'];
  const manual = `Install it yourself, e.g.: sudo apt-get install -y ${pkgs.join(' ')}  (Debian/Ubuntu)`;
  log('MariaDB not found: installing Debian packages…');
  const code = await aptInstall(pkgs, log);
  const tools = findTools();
  const missing = Object.entries(tools).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) {
    throw new Error(`apt-get install ${pkgs.join(' ')} exited with ${code} and binaries are still missing (${missing.join(', ')}). ${manual}`);
  }
  if (code !== 0) {
    // Typical in containers: mariadb-server's postinst tries to start the *system* service and
    // fails. We never use that service, only the binaries, so this is harmless.
    log(`apt-get exited with ${code} (most likely the system service could not be started by the package's postinst); the binaries are installed, continuing.`);
  }
  log('MariaDB packages installed.');
  return tools;
}

async function ensureTools(log) {
  let tools = findTools();
  if (!tools.server || !tools.client || !tools.admin || !tools.installDb) tools = await installPackages(log);
  return tools;
}

// ---------------------------------------------------------------------------------------------
// data dir

function isInitialised(p) {
  return fs.existsSync(path.join(p.data, 'mysql', 'global_priv.frm')) && fs.existsSync(path.join(p.dir, '.initialised'));
}

async function initDataDir(tools, p, log) {
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

// ---------------------------------------------------------------------------------------------
// server

function serverArgs(p, port, extraArgs = []) {
  const args = [
    '--no-defaults',
    `--datadir=${p.data}`,
    `--socket=${p.socket}`,
    `--port=${port}`,
    `--bind-address=${HOST}`,
    `--pid-file=${p.pidFile}`,
    `--log-error=${p.errLog}`,
    '--skip-name-resolve',
    '--max-connections=600',
    '--innodb-buffer-pool-size=256M',
    '--innodb-log-file-size=256M',
    '--innodb-flush-log-at-trx-commit=1',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--default-time-zone=+08:00',
    '--sql-mode=STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',
    // materials travel as hex inside INSERT statements (2x their size): 10 MB files need > 20 MB packets
    '--max-allowed-packet=256M',
  ];
  if (isRoot()) args.push('--user=root'); // mariadbd refuses to run as root without it
  return [...args, ...extraArgs];
}

/** Create/refresh the TCP account the applications use (idempotent). */
async function ensureAppUser(tools, p) {
  const accounts = [`'${DB_USER}'@'127.0.0.1'`, `'${DB_USER}'@'localhost'`];
  const sql = accounts.map((a) => [
    `CREATE USER IF NOT EXISTS ${a} IDENTIFIED BY '${DB_PASSWORD}'`,
    `ALTER USER ${a} IDENTIFIED BY '${DB_PASSWORD}'`,
    `GRANT ALL PRIVILEGES ON *.* TO ${a} WITH GRANT OPTION`,
  ].join('; ')).join('; ') + '; FLUSH PRIVILEGES' +
    // also for an instance started before --max-allowed-packet was in serverArgs (new connections see it)
    '; SET GLOBAL max_allowed_packet = 268435456';
  const r = await adminSql(tools, p, sql);
  if (r.code !== 0) throw new Error(`could not create the '${DB_USER}' account: ${r.stderr.trim()}`);
}

/** Log in as sim over TCP and make sure it is *our* server answering on that port. */
async function verifyTcp(tools, p, port) {
  const r = await run(tools.client, [
    '--no-defaults', '--protocol=tcp', `-h${HOST}`, `-P${port}`, `-u${DB_USER}`, `-p${DB_PASSWORD}`,
    '--connect-timeout=5', '-N', '-B', '-e', 'select @@datadir',
  ], { timeoutMs: 15_000 });
  if (r.code !== 0) throw new Error(`TCP login as ${DB_USER}@${HOST}:${port} failed: ${r.stderr.trim()}`);
  const got = path.resolve(r.stdout.trim());
  if (got !== path.resolve(p.data)) {
    throw new Error(`${HOST}:${port} is answered by a different MariaDB/MySQL server (datadir ${got}, expected ${p.data})`);
  }
}

async function queryPort(tools, p) {
  const r = await adminSql(tools, p, 'select @@port', 8000).catch(() => null);
  const n = r && r.code === 0 ? Number.parseInt(r.stdout.trim(), 10) : NaN;
  return Number.isInteger(n) ? n : null;
}

async function waitUntilReady(tools, p, child, log) {
  const t0 = Date.now();
  let exited = null;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  let nextReport = 5000;
  for (;;) {
    if (await ping(tools, p)) return (Date.now() - t0) / 1000;
    if (exited) {
      throw new Error(`mariadbd exited during start-up (code ${exited.code}${exited.signal ? `, signal ${exited.signal}` : ''}). Last lines of ${p.errLog}:\n${tail(p.errLog)}`);
    }
    const waited = Date.now() - t0;
    if (waited > START_TIMEOUT_MS) {
      try { process.kill(child.pid, 'SIGTERM'); } catch { /* already gone */ }
      throw new Error(`MariaDB did not become ready within ${START_TIMEOUT_MS / 1000}s. Last lines of ${p.errLog}:\n${tail(p.errLog)}`);
    }
    if (waited >= nextReport) { log(`…still starting (${Math.round(waited / 1000)}s)`); nextReport += 5000; }
    await sleep(200);
  }
}

/**
 * Look at the instance dir: running (and answering) or not. Cleans up a stale pid file/socket.
 * Returns { running, pid }.
 */
async function probe(tools, p, log, { cleanStale }) {
  const pid = readPid(p.pidFile);
  if (pid && pidAlive(pid) && isMariaDbProcess(pid)) return { running: true, pid, answering: await ping(tools, p) };
  if (!pid && (await ping(tools, p))) return { running: true, pid: null, answering: true }; // pid file lost
  if (cleanStale) {
    if (pid) log(`removing stale pid file ${p.pidFile} (pid ${pid} is not a running mariadbd)`);
    rmQuiet(p.pidFile);
    rmQuiet(p.socket); // a crashed server leaves its socket and socket lock behind
    rmQuiet(`${p.socket}.lock`);
  }
  return { running: false, pid: null, answering: false };
}

/**
 * Make sure a private MariaDB instance is running in `dir` and listening on 127.0.0.1:`port`.
 * Installs the Debian packages if needed, initialises the data dir on first use, starts the
 * server, and creates the `sim`/`sim` account (all privileges).
 */
/** extraArgs: more mariadbd options (e.g. --performance-schema=ON); they apply only to an instance this call starts. */
export async function ensureMariaDb({ dir = '.data/mariadb', port = 3307, log = defaultLog, extraArgs = [] } = {}) {
  port = Number(port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const p = mariaDbPaths(dir);
  const tools = await ensureTools(log);

  return withLock(p, log, async () => {
    const info = (startedByUs, actualPort = port) => ({
      host: HOST, port: actualPort, user: DB_USER, password: DB_PASSWORD, socket: p.socket, dir: p.dir, startedByUs,
    });

    // 1. already running from this dir?
    const state = await probe(tools, p, log, { cleanStale: true });
    if (state.running) {
      if (!state.answering) {
        log(`mariadbd (pid ${state.pid}) is running but not answering yet; waiting…`);
        const t0 = Date.now();
        while (!(await ping(tools, p))) {
          if (!pidAlive(state.pid)) throw new Error(`mariadbd (pid ${state.pid}) exited. Last lines of ${p.errLog}:\n${tail(p.errLog)}`);
          if (Date.now() - t0 > START_TIMEOUT_MS) {
            throw new Error(`mariadbd (pid ${state.pid}) from ${p.dir} is running but not answering on ${p.socket}. Stop it (node scripts/mariadb.mjs stop --dir ${dir}) and retry. Last lines of ${p.errLog}:\n${tail(p.errLog)}`);
          }
          await sleep(250);
        }
      }
      const actual = (await queryPort(tools, p)) ?? port;
      if (actual !== port) log(`note: the instance in ${p.dir} is already running on port ${actual} (requested ${port}); using ${actual}`);
      log(`reusing running MariaDB${state.pid ? ` (pid ${state.pid})` : ''} on ${HOST}:${actual}`);
      if (extraArgs.length > 0) log(`note: ${extraArgs.join(' ')} not applied (the instance was already running)`);
      await ensureAppUser(tools, p);
      await verifyTcp(tools, p, actual);
      return info(false, actual);
    }

    // 2. port must be free
    if (await portInUse(port)) {
      throw new Error(`${HOST}:${port} is already in use by another process (not the MariaDB instance in ${p.dir}). Choose another port.`);
    }

    // 3. initialise on first use
    if (!isInitialised(p)) await initDataDir(tools, p, log);

    // 4. start detached, output appended to the error log
    log(`starting mariadbd on ${HOST}:${port} (data ${p.data})…`);
    fs.appendFileSync(p.errLog, `\n==== ${new Date().toISOString()} starting mariadbd (port ${port}) ====\n`);
    const fd = fs.openSync(p.errLog, 'a');
    let child;
    try {
      child = spawn(tools.server, serverArgs(p, port, extraArgs), {
        cwd: p.dir, env: cleanEnv(), detached: true, stdio: ['ignore', fd, fd],
      });
    } finally {
      fs.closeSync(fd);
    }
    await new Promise((resolve, reject) => { child.once('spawn', resolve); child.once('error', reject); });
    child.unref();

    try {
      const secs = await waitUntilReady(tools, p, child, log);
      log(`MariaDB ready after ${secs.toFixed(1)}s (pid ${readPid(p.pidFile) ?? child.pid})`);
      await ensureAppUser(tools, p);
      await verifyTcp(tools, p, port);
    } catch (err) {
      // do not leave a half-usable server behind
      try { process.kill(child.pid, 'SIGTERM'); } catch { /* already gone */ }
      throw err;
    }
    return info(true);
  });
}

/**
 * Gracefully stop the instance in `dir` (mariadb-admin shutdown, then SIGTERM, SIGKILL as a last
 * resort after 60 s). Returns true if a server was stopped.
 */
export async function stopMariaDb({ dir = '.data/mariadb', log = defaultLog } = {}) {
  const p = mariaDbPaths(dir);
  const tools = findTools();
  return withLock(p, log, async () => {
    const state = await probe(tools, p, log, { cleanStale: true });
    if (!state.running) {
      log(`no MariaDB running in ${p.dir}`);
      return false;
    }
    // pid may be unknown if the pid file was deleted: ask the server
    let pid = state.pid;
    if (!pid && state.answering) {
      const r = await adminSql(tools, p, 'select @@pid_file', 8000).catch(() => null);
      if (r && r.code === 0) pid = readPid(r.stdout.trim());
    }
    log(`stopping MariaDB${pid ? ` (pid ${pid})` : ''}…`);
    const t0 = Date.now();
    let graceful = false;
    if (tools.admin && state.answering) {
      const r = await run(tools.admin, [...socketArgs(p), '--connect-timeout=5', `--shutdown-timeout=${STOP_TIMEOUT_MS / 1000}`, 'shutdown'], { timeoutMs: STOP_TIMEOUT_MS + 5000 }).catch((e) => ({ code: -1, stderr: String(e) }));
      graceful = r.code === 0;
      if (!graceful) log(`mariadb-admin shutdown failed (${(r.stderr || '').trim() || `exit ${r.code}`}); sending SIGTERM`);
    }
    if (!graceful && pid) {
      try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
    }
    if (pid) {
      while (pidAlive(pid)) {
        if (Date.now() - t0 > STOP_TIMEOUT_MS) {
          log(`mariadbd (pid ${pid}) did not exit within ${STOP_TIMEOUT_MS / 1000}s; sending SIGKILL`);
          try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
          await sleep(500);
          break;
        }
        await sleep(100);
      }
    } else {
      while (await ping(tools, p)) {
        if (Date.now() - t0 > STOP_TIMEOUT_MS) throw new Error(`MariaDB in ${p.dir} is still answering after ${STOP_TIMEOUT_MS / 1000}s`);
        await sleep(250);
      }
    }
    rmQuiet(p.pidFile);
    log(`MariaDB stopped after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    return true;
  });
}

/** Non-mutating status of the instance in `dir`. */
export async function mariaDbStatus({ dir = '.data/mariadb' } = {}) {
  const p = mariaDbPaths(dir);
  const tools = findTools();
  const installed = Boolean(tools.server && tools.client && tools.admin && tools.installDb);
  const state = installed ? await probe(tools, p, () => {}, { cleanStale: false }) : { running: false, pid: null, answering: false };
  const port = state.answering ? await queryPort(tools, p) : null;
  return {
    installed,
    initialised: isInitialised(p),
    running: state.running,
    answering: state.answering,
    pid: state.pid,
    host: HOST,
    port,
    user: DB_USER,
    password: DB_PASSWORD,
    socket: p.socket,
    dir: p.dir,
    errLog: p.errLog,
  };
}
