#!/usr/bin/env node
// `npm run bench`: measures this machine in six stages and prints the figures and ratios.
//   crypto    @app/gm-crypto vs native OpenSSL libcrypto (.data/crypto-bench-results.json), run
//             first while the machine is quiet; builds a small C baseline (gcc + libssl-dev)
//   ops       the ops node reporting to the city (.data/ops-bench-results.json): reports/s stored at the
//             city for a 100-resource inventory, SM2 and SM2-wrapped SM4 payloads, CPU per report
//   monitoring metric ingestion with rollups running, alert evaluation latency, CMPP throughput with
//             a window of 16 next to window/RTT (.data/monitoring-bench-results.json)
//   web       the window workbench in Debian's Chromium: first load, sign-in to the catalog, cached load
//             (.data/web-bench-results.json)
//   alerts    the ops console's live alert window in Debian's Chromium: a sample stored at the ops node →
//             its alert shown (p50/p99 of the server push; .data/alert-window-bench-results.json)
//   exchange  the exchange itself (.data/bench-results.json): a separate private MariaDB
//             (.data/mariadb-bench, port 3309) and fresh bench_ schemas, so a running demo is not
//             disturbed and runs compare
// `node scripts/bench.mjs --only crypto` (or `--only exchange`) runs one stage.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, runNpm } from './ensure-deps.mjs';
import { ensureBrowser, ensureNativeBuildTools } from './lib/apt.mjs';
import { ensureMariaDb, mariaDbStatus, stopMariaDb } from './lib/mariadb.mjs';
import { credentialsOf, runNodeScript, startOpsChain, startStack } from './lib/stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dbDir = path.resolve(root, process.env.BENCH_MARIADB_DIR || '.data/mariadb-bench');
const dbPort = Number(process.env.BENCH_MARIADB_PORT || 3309);
const prefix = 'bench_';
const say = (m) => console.log(`[bench] ${m}`);
const STAGES = ['crypto', 'ops', 'monitoring', 'exchange', 'web', 'alerts'];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !STAGES.includes(only)) {
  console.error(`[bench] --only takes one of: ${STAGES.join(', ')}`);
  process.exit(2);
}
const stages = only ? [only] : STAGES;
let db;
let stack;
let opsChain;

async function dropBenchSchemas(which = prefix) {
  const require = createRequire(path.join(root, 'package.json'));
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password });
  const [rows] = await conn.query('SHOW DATABASES');
  for (const r of rows) if (r.Database.startsWith(which)) await conn.query(`DROP DATABASE \`${r.Database}\``);
  await conn.end();
}

async function cryptoStage() {
  await ensureNativeBuildTools(say);
  const require = createRequire(path.join(root, 'package.json'));
  const { runCryptoBench } = require(path.join(root, 'dist-tools', 'test', 'tools', 'crypto-bench.js'));
  const result = await runCryptoBench(say, { root });
  const file = path.join(root, '.data', 'crypto-bench-results.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  say(`crypto results: ${path.relative(root, file)}`);
}

async function opsStage() {
  db ??= await ensureMariaDb({ dir: dbDir, port: dbPort, log: say });
  await dropBenchSchemas();
  const common = { ...process.env, DB_HOST: db.host, DB_PORT: String(db.port), DB_USER: db.user, DB_PASSWORD: db.password, DB_NAME_PREFIX: prefix };
  // schedules off: the bench queues the reports itself, so the count is exact
  const off = Object.fromEntries(['RESOURCE', 'SUB_RESOURCE', 'PERFORMANCE', 'ALERT', 'WORK_ORDER', 'NODE_INFO'].map((c) => [`REPORT_CRON_${c}`, '']));
  opsChain = await startOpsChain({
    root,
    common,
    db,
    prefix,
    log: say,
    logDir: path.join(root, '.data', 'logs-bench'),
    cityPort: Number(process.env.BENCH_CITY_PORT || 7360),
    opsPort: Number(process.env.BENCH_OPS_PORT || 7340),
    opsEnv: { ...off, REPORT_FULL_CRON: '', SAMPLE_INTERVAL_SECONDS: '0', DISCOVERY_CRON: '', REPORT_POLL_MS: '20' },
  });
  const file = path.join(root, '.data', 'ops-bench-results.json');
  const run = (label) =>
    runNodeScript(root, 'dist-tools/test/tools/ops-bench.cli.js', {
      ...opsChain.env,
      OPS_URL: opsChain.opsUrl,
      CITY_URL: opsChain.cityUrl,
      BENCH_OPS_ACCOUNT: credentialsOf(opsChain.accounts['ops-node'], 'OPS_ADMIN')[0],
      BENCH_LABEL: label,
      BENCH_PIDS: `ops-node:${opsChain.pids.opsNode},city:${opsChain.pids.city}`,
      BENCH_RESULT_FILE: file,
    });
  let code = await run('SM2');
  await opsChain.restartNode({ REPORT_ENCRYPTION: 'SM2-SM4' });
  code = (await run('SM2-SM4')) || code;
  await opsChain.stop();
  opsChain = undefined;
  return code;
}

async function monitoringStage() {
  db ??= await ensureMariaDb({ dir: dbDir, port: dbPort, log: say });
  await dropBenchSchemas();
  const env = {
    ...process.env,
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_USER: db.user,
    DB_PASSWORD: db.password,
    DB_NAME_PREFIX: prefix,
    BENCH_RESULT_FILE: path.join(root, '.data', 'monitoring-bench-results.json'),
  };
  return runNodeScript(root, 'dist-tools/test/tools/monitoring-bench.cli.js', env);
}

/** The platform and the department simulator on fresh bench_ schemas (scans every second, as the exchange figures assume). */
async function startBenchStack(mariaDbArgs = []) {
  db ??= await ensureMariaDb({ dir: dbDir, port: dbPort, log: say, extraArgs: mariaDbArgs });
  await dropBenchSchemas();
  const scan = { SCAN_CRON: process.env.SCAN_CRON || '*/1 * * * * *', SCAN_LAG_MS: process.env.SCAN_LAG_MS || '1000' };
  stack = await startStack({
    root,
    db,
    prefix,
    log: say,
    logDir: path.join(root, '.data', 'logs-bench'),
    platformPort: Number(process.env.BENCH_PLATFORM_PORT || 7300),
    deptSimPort: Number(process.env.BENCH_DEPT_SIM_PORT || 7400),
    env: scan,
  });
}

async function exchangeStage() {
  // BENCH_DB_DIGESTS=1: MariaDB's performance schema on, so the bench prints the statements that cost MariaDB the most time per phase (it slows MariaDB a little)
  const digests = process.env.BENCH_DB_DIGESTS === '1';
  if (digests && db) {
    await stopMariaDb({ dir: dbDir, log: say });
    db = undefined;
  }
  await startBenchStack(digests ? ['--performance-schema=ON'] : []);
  const { pid: mariadbPid } = await mariaDbStatus({ dir: dbDir });
  const pids = `platform:${stack.pids.platform},dept-sim:${stack.pids.deptSim},mariadb:${mariadbPid}`;
  return runNodeScript(root, 'dist-tools/test/tools/bench.cli.js', {
    ...stack.env,
    BENCH_CLERK: credentialsOf(stack.accounts['one-window'], 'OPERATOR')[0],
    BENCH_APPROVER: credentialsOf(stack.accounts['one-window'], 'APPROVER')[0],
    BENCH_PIDS: pids,
    BENCH_RESULT_FILE: path.join(root, '.data', 'bench-results.json'),
  });
}

/** The workbench's pages in a real browser, against the exchange stage's platform (started here when that stage did not run). */
async function webStage() {
  await ensureBrowser(say);
  if (!stack) await startBenchStack();
  return runNodeScript(root, 'dist-tools/test/tools/web-bench.cli.js', {
    ...stack.env,
    PLATFORM_URL: stack.platformUrl,
    BENCH_CLERK: credentialsOf(stack.accounts['one-window'], 'OPERATOR')[0],
    BENCH_RESULT_FILE: path.join(root, '.data', 'web-bench-results.json'),
  });
}

/** The ops console's live alert window in a real browser: its own ops chain (the ops stage's has stopped). */
async function alertsStage() {
  await ensureBrowser(say);
  db ??= await ensureMariaDb({ dir: dbDir, port: dbPort, log: say });
  // schemas of its own (bench_al_…): the exchange stage's platform may still be running on bench_…
  await dropBenchSchemas(`${prefix}al_`);
  const common = { ...process.env, DB_HOST: db.host, DB_PORT: String(db.port), DB_USER: db.user, DB_PASSWORD: db.password, DB_NAME_PREFIX: `${prefix}al_` };
  opsChain = await startOpsChain({
    root,
    common,
    db,
    prefix: `${prefix}al_`,
    log: say,
    logDir: path.join(root, '.data', 'logs-bench'),
    cityPort: Number(process.env.BENCH_CITY_PORT || 7360),
    opsPort: Number(process.env.BENCH_OPS_PORT || 7340),
    opsEnv: { SAMPLE_INTERVAL_SECONDS: '0', DISCOVERY_CRON: '' },
  });
  const code = await runNodeScript(root, 'dist-tools/test/tools/alert-window-bench.cli.js', {
    ...opsChain.env,
    OPS_URL: opsChain.opsUrl,
    BENCH_OPS_ACCOUNT: credentialsOf(opsChain.accounts['ops-node'], 'OPS_ADMIN')[0],
    BENCH_RESULT_FILE: path.join(root, '.data', 'alert-window-bench-results.json'),
  });
  await opsChain.stop();
  opsChain = undefined;
  return code;
}

async function main() {
  await ensureNodeModules({ log: say });
  if ((await runNpm(['run', 'build'], { cwd: root })) !== 0) throw new Error('build failed');
  let code = 0;
  if (stages.includes('crypto')) {
    try {
      await cryptoStage();
    } catch (err) {
      // a failed crypto stage must not cost the exchange figures; it still fails the run
      console.error(`[bench] crypto stage failed: ${err.message}`);
      code = 1;
    }
  }
  if (stages.includes('ops')) code = (await opsStage()) || code;
  if (stages.includes('monitoring')) code = (await monitoringStage()) || code;
  if (stages.includes('exchange')) code = (await exchangeStage()) || code;
  if (stages.includes('web')) code = (await webStage()) || code;
  if (stages.includes('alerts')) code = (await alertsStage()) || code;
  return code;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`[bench] ERROR: ${err.message}`);
}
await opsChain?.stop();
await stack?.stop();
if (db?.startedByUs) await stopMariaDb({ dir: dbDir, log: say }).catch(() => undefined);
process.exit(code ?? 1);
