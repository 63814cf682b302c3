#!/usr/bin/env node
// Manage the project's private MariaDB instance (see docs/dev-database.md).
//
//   node scripts/mariadb.mjs start  [--dir .data/mariadb] [--port 3307]
//   node scripts/mariadb.mjs stop   [--dir .data/mariadb]
//   node scripts/mariadb.mjs status [--dir .data/mariadb]
//
// Defaults come from MARIADB_DIR / MARIADB_PORT, else .data/mariadb and 3307.
// Built-ins only: works before `npm ci`.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMariaDb, mariaDbStatus, stopMariaDb } from './lib/mariadb.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[mariadb] ${msg}`);

function usage(code) {
  const out = code ? console.error : console.log;
  out('usage: node scripts/mariadb.mjs start|stop|status [--dir DIR] [--port PORT]');
  out('  defaults: --dir $MARIADB_DIR or .data/mariadb, --port $MARIADB_PORT or 3307');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = {
    cmd: null,
    dir: process.env.MARIADB_DIR || '.data/mariadb',
    port: Number(process.env.MARIADB_PORT || 3307),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (name) => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = argv[++i];
      if (v === undefined) {
        console.error(`missing value for ${name}`);
        usage(2);
      }
      return v;
    };
    if (a === '-h' || a === '--help') usage(0);
    else if (a === '--dir' || a.startsWith('--dir=')) opts.dir = val('--dir');
    else if (a === '--port' || a.startsWith('--port=')) opts.port = Number(val('--port'));
    else if (!opts.cmd && !a.startsWith('-')) opts.cmd = a;
    else {
      console.error(`unknown argument: ${a}`);
      usage(2);
    }
  }
  if (!['start', 'stop', 'status'].includes(opts.cmd)) usage(2);
  if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535) {
    console.error(`invalid port: ${opts.port}`);
    usage(2);
  }
  // relative dirs are relative to the repository, not to wherever the command was typed
  opts.dir = path.resolve(repoRoot, opts.dir);
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.cmd === 'start') {
    const db = await ensureMariaDb({ dir: opts.dir, port: opts.port, log });
    console.log('');
    console.log(`MariaDB ${db.startedByUs ? 'started' : 'already running'}:`);
    console.log(`  host      ${db.host}`);
    console.log(`  port      ${db.port}`);
    console.log(`  user      ${db.user}`);
    console.log(`  password  ${db.password}`);
    console.log(`  socket    ${db.socket}`);
    console.log(`  data dir  ${db.dir}`);
    console.log(`  url       mysql://${db.user}:${db.password}@${db.host}:${db.port}/`);
    console.log(`  connect   mariadb --no-defaults -h${db.host} -P${db.port} -u${db.user} -p${db.password}`);
    const rel = path.relative(repoRoot, db.dir);
    console.log(`  stop      node scripts/mariadb.mjs stop --dir ${rel && !rel.startsWith('..') ? rel : db.dir}`);
  } else if (opts.cmd === 'stop') {
    await stopMariaDb({ dir: opts.dir, log });
  } else {
    const s = await mariaDbStatus({ dir: opts.dir });
    if (!s.installed) console.log(`not running (MariaDB is not installed; \`start\` installs it)`);
    else if (s.running && s.answering) console.log(`running: pid ${s.pid ?? '?'}, ${s.host}:${s.port}, socket ${s.socket}, dir ${s.dir}`);
    else if (s.running) console.log(`running but not answering: pid ${s.pid}, dir ${s.dir} (see ${s.errLog})`);
    else console.log(`not running (dir ${s.dir}${s.initialised ? ', initialised' : ', not initialised'})`);
    process.exitCode = s.running && s.answering ? 0 : 3;
  }
}

main().catch((err) => {
  console.error(`[mariadb] ERROR: ${err.message}`);
  process.exit(1);
});
