// Process helpers shared by the set-up scripts (built-ins only: they run before node_modules exists).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin', '/bin'];

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Environment without anything that MariaDB/MySQL clients or the server would pick up. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(MYSQL|MARIADB|LIBMYSQL)_/i.test(k) || k === 'MYSQL_HOME' || k === 'MYSQL_PWD') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export function which(name) {
  const dirs = [...SEARCH_DIRS, ...(process.env.PATH || '').split(path.delimiter).filter(Boolean)];
  for (const d of dirs) {
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

/**
 * Run a command, collect output. opts.onLine streams each output line (stdout+stderr).
 * Never rejects on a non-zero exit: resolves { code, signal, stdout, stderr }.
 * Rejects only if the command cannot be spawned (ENOENT...).
 */
export function run(cmd, args, { env = cleanEnv(), onLine, timeoutMs, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer;
    const lineBuf = { out: '', err: '' };
    const feed = (which, chunk) => {
      if (!onLine) return;
      lineBuf[which] += chunk;
      let i;
      while ((i = lineBuf[which].search(/[\r\n]/)) >= 0) {
        const line = lineBuf[which].slice(0, i);
        lineBuf[which] = lineBuf[which].slice(i + 1);
        if (line.trim()) onLine(line);
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c) => {
      stdout += c;
      feed('out', c);
    });
    child.stderr.on('data', (c) => {
      stderr += c;
      feed('err', c);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (onLine) for (const rest of [lineBuf.out, lineBuf.err]) if (rest.trim()) onLine(rest);
      resolve({ code, signal, stdout, stderr });
    });
    if (timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  });
}
