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
//
// The parts: mariadb-instance.mjs (paths, pid/lock/socket helpers, admin connection),
// mariadb-install.mjs (Debian packages), mariadb-init.mjs (data dir, application account);
// this file is the server's lifecycle.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanEnv, isRoot, run } from './proc.mjs';
import { ensureAppUser, initDataDir, isInitialised, verifyTcp } from './mariadb-init.mjs';
import { ensureTools } from './mariadb-install.mjs';
import {
  adminSql,
  DB_PASSWORD,
  DB_USER,
  defaultLog,
  findTools,
  HOST,
  mariaDbPaths,
  pidAlive,
  ping,
  portInUse,
  probe,
  queryPort,
  readPid,
  rmQuiet,
  socketArgs,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  tail,
  withLock,
} from './mariadb-instance.mjs';

export { DB_PASSWORD, DB_USER, mariaDbPaths } from './mariadb-instance.mjs';

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

async function waitUntilReady(tools, p, child, log) {
  const t0 = Date.now();
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  let nextReport = 5000;
  for (;;) {
    if (await ping(tools, p)) return (Date.now() - t0) / 1000;
    if (exited) {
      throw new Error(
        `mariadbd exited during start-up (code ${exited.code}${exited.signal ? `, signal ${exited.signal}` : ''}). Last lines of ${p.errLog}:\n${tail(p.errLog)}`,
      );
    }
    const waited = Date.now() - t0;
    if (waited > START_TIMEOUT_MS) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      throw new Error(`MariaDB did not become ready within ${START_TIMEOUT_MS / 1000}s. Last lines of ${p.errLog}:\n${tail(p.errLog)}`);
    }
    if (waited >= nextReport) {
      log(`…still starting (${Math.round(waited / 1000)}s)`);
      nextReport += 5000;
    }
    await sleep(200);
  }
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
      host: HOST,
      port: actualPort,
      user: DB_USER,
      password: DB_PASSWORD,
      socket: p.socket,
      dir: p.dir,
      startedByUs,
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
            throw new Error(
              `mariadbd (pid ${state.pid}) from ${p.dir} is running but not answering on ${p.socket}. Stop it (node scripts/mariadb.mjs stop --dir ${dir}) and retry. Last lines of ${p.errLog}:\n${tail(p.errLog)}`,
            );
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
        cwd: p.dir,
        env: cleanEnv(),
        detached: true,
        stdio: ['ignore', fd, fd],
      });
    } finally {
      fs.closeSync(fd);
    }
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();

    try {
      const secs = await waitUntilReady(tools, p, child, log);
      log(`MariaDB ready after ${secs.toFixed(1)}s (pid ${readPid(p.pidFile) ?? child.pid})`);
      await ensureAppUser(tools, p);
      await verifyTcp(tools, p, port);
    } catch (err) {
      // do not leave a half-usable server behind
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
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
      const r = await run(tools.admin, [...socketArgs(p), '--connect-timeout=5', `--shutdown-timeout=${STOP_TIMEOUT_MS / 1000}`, 'shutdown'], {
        timeoutMs: STOP_TIMEOUT_MS + 5000,
      }).catch((e) => ({ code: -1, stderr: String(e) }));
      graceful = r.code === 0;
      if (!graceful) log(`mariadb-admin shutdown failed (${(r.stderr || '').trim() || `exit ${r.code}`}); sending SIGTERM`);
    }
    if (!graceful && pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    if (pid) {
      while (pidAlive(pid)) {
        if (Date.now() - t0 > STOP_TIMEOUT_MS) {
          log(`mariadbd (pid ${pid}) did not exit within ${STOP_TIMEOUT_MS / 1000}s; sending SIGKILL`);
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
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
