// The private MariaDB instance's files, processes and admin connection: what install, init and
// the start/stop lifecycle (mariadb.mjs) share. Plain Node ESM, built-ins only.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRoot, run, which } from './proc.mjs';

export const DB_USER = 'sim';
export const DB_PASSWORD = 'sim';
export const HOST = '127.0.0.1';
export const START_TIMEOUT_MS = 60_000;
export const STOP_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 180_000;

export const defaultLog = (msg) => console.log(`[mariadb] ${msg}`);
// mariadb-install-db creates root@localhost (unix_socket) and, if different, <os user>@localhost
// (unix_socket). We administer the instance through the socket as the current OS user.
export const adminUser = () => {
  try {
    return os.userInfo().username;
  } catch {
    return isRoot() ? 'root' : process.env.USER || 'root';
  }
};

// ---------------------------------------------------------------------------------------------
// small helpers

export function findTools() {
  return {
    server: which('mariadbd'),
    client: which('mariadb'),
    admin: which('mariadb-admin'),
    installDb: which('mariadb-install-db'),
  };
}

export function tail(file, n = 30) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines
      .slice(-n - 1)
      .join('\n')
      .trimEnd();
  } catch {
    return `(no error log at ${file})`;
  }
}

export function pidAlive(pid) {
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
  } catch {
    /* no /proc: trust kill(0) */
  }
  return true;
}

/** Is `pid` a mariadbd/mysqld process? (guards against pid reuse after a crash) */
export function isMariaDbProcess(pid) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /(mariadbd|mysqld)/.test(cmdline);
  } catch {
    return !fs.existsSync('/proc/self'); // no procfs: cannot tell, assume yes
  }
}

export function readPid(pidFile) {
  try {
    const n = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function rmQuiet(p) {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    /* ignore */
  }
}

/** True if something accepts TCP connections on host:port. */
export function portInUse(port, host = HOST) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (v) => {
      sock.destroy();
      resolve(v);
    };
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
export async function withLock(p, log, fn) {
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
      if (!announced) {
        log(`waiting for another process (pid ${holder}) that is starting/stopping this instance…`);
        announced = true;
      }
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

export function socketArgs(p) {
  return ['--no-defaults', '--protocol=socket', `--socket=${p.socket}`, `-u${adminUser()}`];
}

/** Run SQL as the admin user over the unix socket. */
export async function adminSql(tools, p, sql, timeoutMs = 15_000) {
  return run(tools.client, [...socketArgs(p), '--connect-timeout=3', '-N', '-B', '-e', sql], { timeoutMs });
}

export async function ping(tools, p) {
  if (!tools.client || !fs.existsSync(p.socket)) return false;
  try {
    const r = await adminSql(tools, p, 'select 1', 8000);
    return r.code === 0 && r.stdout.trim() === '1';
  } catch {
    return false;
  }
}

export async function queryPort(tools, p) {
  const r = await adminSql(tools, p, 'select @@port', 8000).catch(() => null);
  const n = r && r.code === 0 ? Number.parseInt(r.stdout.trim(), 10) : NaN;
  return Number.isInteger(n) ? n : null;
}

/**
 * Look at the instance dir: running (and answering) or not. Cleans up a stale pid file/socket.
 * Returns { running, pid }.
 */
export async function probe(tools, p, log, { cleanStale }) {
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
