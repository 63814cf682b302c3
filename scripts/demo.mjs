#!/usr/bin/env node
// `npm run demo`: one command from a fresh clone to a running exchange.
//
//   1. npm ci if needed; private MariaDB on 127.0.0.1:3307 (.data/mariadb), installed from Debian if missing
//   2. build, then the explicit migrate step (platform DB + one front-end DB per department)
//   3. start the department simulator and the one-window platform (node --disable-proto=delete)
//   4. a scripted day at the window (DEMO_APPLICATIONS, default 240), then a summary table
//   5. print the URLs and keep running until Ctrl-C; `npm run demo -- --exit` stops after the summary
//
// Built-ins only (runs before node_modules exists).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, runNpm } from './ensure-deps.mjs';
import { ensureMariaDb, stopMariaDb } from './lib/mariadb.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exitAfterSummary = process.argv.includes('--exit');
const dbDir = path.resolve(root, process.env.MARIADB_DIR || '.data/mariadb');
const dbPort = Number(process.env.MARIADB_PORT || 3307);
const platformPort = Number(process.env.PLATFORM_PORT || 7100);
const deptSimPort = Number(process.env.DEPT_SIM_PORT || 7200);
const logDir = path.join(root, '.data', 'logs');
const say = (m) => console.log(`[demo] ${m}`);
const children = [];
let db;

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false)).once('listening', () => s.close(() => resolve(true)));
    s.listen(port, '127.0.0.1');
  });
}

/** Secrets of this installation, generated once and kept under .data/ (git-ignored). */
function secrets() {
  const file = path.join(root, '.data', 'demo-secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const s = { sharedSecret: randomBytes(24).toString('base64url'), tokenSecret: randomBytes(32).toString('base64url') };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

function runNode(script, env, { quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--disable-proto=delete', path.join(root, script)], { cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
    p.on('error', reject);
    p.on('close', (code) => resolve(code));
  });
}

async function startApp(name, env, readyUrl) {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const p = spawn(process.execPath, ['--disable-proto=delete', path.join(root, 'dist', 'apps', name, 'src', 'main.js')], { cwd: root, env, stdio: ['ignore', out, out] });
  children.push(p);
  let exited = null;
  p.on('exit', (code, signal) => (exited = { code, signal }));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error(`${name} exited during start-up (${JSON.stringify(exited)}); see ${path.relative(root, logFile)}`);
    const ok = await fetch(readyUrl).then((r) => r.status < 500, () => false);
    if (ok) return p;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer ${readyUrl} within 60 s; see ${path.relative(root, logFile)}`);
}

async function shutdown(code) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  if (db?.startedByUs) await stopMariaDb({ dir: dbDir, log: say }).catch(() => undefined);
  process.exit(code);
}

async function main() {
  say('installing node modules if needed…');
  await ensureNodeModules({ log: say });
  for (const [port, what] of [[platformPort, 'PLATFORM_PORT'], [deptSimPort, 'DEPT_SIM_PORT']]) {
    if (!(await portFree(port))) throw new Error(`port ${port} is in use (a demo still running?); stop it or set ${what}`);
  }
  say(`private MariaDB on 127.0.0.1:${dbPort} (${path.relative(root, dbDir)})…`);
  db = await ensureMariaDb({ dir: dbDir, port: dbPort, log: say });
  say('building…');
  if ((await runNpm(['run', 'build'], { cwd: root })) !== 0) throw new Error('build failed');

  const { sharedSecret, tokenSecret } = secrets();
  const clerks = ['window01:Chuangkou#2026', 'window02:Chuangkou#2026', 'window03:Chuangkou#2026', 'window04:Chuangkou#2026'];
  const platformUrl = `http://127.0.0.1:${platformPort}`;
  const deptSimUrl = `http://127.0.0.1:${deptSimPort}`;
  const common = {
    ...process.env,
    DB_HOST: db.host, DB_PORT: String(db.port), DB_USER: db.user, DB_PASSWORD: db.password,
    EXCHANGE_SHARED_SECRET: sharedSecret, PLATFORM_URL: platformUrl, DEPT_SIM_URL: deptSimUrl,
    SCAN_CRON: process.env.SCAN_CRON || '*/2 * * * * *', SCAN_LAG_MS: process.env.SCAN_LAG_MS || '1500',
  };
  say('migrating the platform DB and the front-end DBs…');
  if ((await runNode('dist/apps/one-window/src/cli/migrate.js', common)) !== 0) throw new Error('platform migration failed');
  if ((await runNode('dist/apps/dept-sim/src/cli/migrate.js', common)) !== 0) throw new Error('simulator migration failed');

  say(`starting the department simulator on ${deptSimUrl} (log: .data/logs/dept-sim.log)…`);
  await startApp('dept-sim', { ...common, PORT: String(deptSimPort) }, `${deptSimUrl}/sim/departments`);
  say(`starting the one-window platform on ${platformUrl} (log: .data/logs/one-window.log)…`);
  await startApp('one-window', { ...common, PORT: String(platformPort), PUBLIC_URL: platformUrl, TOKEN_SECRET: tokenSecret, SEED_CLERKS: clerks.join(',') }, `${platformUrl}/health`);

  const n = process.env.DEMO_APPLICATIONS || '240';
  say(`a day at the window: ${n} applications, 4 clerks, notifications deliberately lost by the department profiles…`);
  const code = await runNode('dist/test/tools/demo.cli.js', { ...common, DEMO_CLERKS: clerks.join(','), DEMO_APPLICATIONS: n, DEMO_SUMMARY_FILE: path.join(root, '.data', 'demo-summary.json') });

  console.log(`
  Console / API docs (Swagger UI)   ${platformUrl}/api/docs      (log in as window01 / Chuangkou#2026)
  Platform health                   ${platformUrl}/health
  Platform WSDL (NotifyCallback)    ${platformUrl}/ws/exchange/callback?wsdl
  Department WSDL (NotifyAcceptance) ${deptSimUrl}/dept/AMR/ws/acceptance?wsdl   (AMR, HOUSING, PSB talk SOAP; HPF, DRC HTTP/JSON)
  Department simulator controls     ${deptSimUrl}/api/docs   and ${deptSimUrl}/sim/departments
  MariaDB                           mariadb --no-defaults -h127.0.0.1 -P${db.port} -u${db.user} -p${db.password}
  Summary JSON                      .data/demo-summary.json
`);
  if (exitAfterSummary) return shutdown(code ?? 1);
  say('running; press Ctrl-C to stop');
}

process.on('SIGINT', () => { say('stopping…'); void shutdown(0); });
process.on('SIGTERM', () => void shutdown(0));
main().catch((err) => {
  console.error(`[demo] ERROR: ${err.message}`);
  void shutdown(1);
});
