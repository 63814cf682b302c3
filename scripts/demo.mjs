#!/usr/bin/env node
// `npm run demo`: one command from a fresh clone to a running exchange.
//
//   1. npm ci if needed; private MariaDB on 127.0.0.1:3307 (.data/mariadb), installed from Debian if missing
//   2. build, then the explicit migrate step (platform DB + one front-end DB per department)
//   3. start the simulated mail/SMS/voice gateways, the department simulator, the one-window platform
//      (sending the applicants' SMS on 补正补齐 and 办结 through the SMS gateway simulator), the city
//      supervisory system and the district ops node (node --disable-proto=delete)
//   4. a scripted day at the window (DEMO_APPLICATIONS, default 240), then a summary table, then the
//      ops node's reporting health per category, a downlink record, a city work order and an alert
//      delivered to the on-call engineer by mail and SMS
//   5. print the URLs and keep running until Ctrl-C; `npm run demo -- --exit` stops after the summary
//
// Built-ins only (runs before node_modules exists).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, runNpm } from './ensure-deps.mjs';
import { ensureMariaDb, stopMariaDb } from './lib/mariadb.mjs';
import { credentialsOf, DEMO_ACCOUNTS_FILE, runNodeScript, startNotifySims, startOpsChain, startStack } from './lib/stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exitAfterSummary = process.argv.includes('--exit');
const dbDir = path.resolve(root, process.env.MARIADB_DIR || '.data/mariadb');
const dbPort = Number(process.env.MARIADB_PORT || 3307);
const say = (m) => console.log(`[demo] ${m}`);
let db;
let stack;
let ops;
let sims;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await ops?.stop();
  await sims?.stop();
  await stack?.stop();
  if (db?.startedByUs) await stopMariaDb({ dir: dbDir, log: say }).catch(() => undefined);
  process.exit(code);
}

async function main() {
  say('installing node modules if needed…');
  await ensureNodeModules({ log: say });
  say(`private MariaDB on 127.0.0.1:${dbPort} (${path.relative(root, dbDir)})…`);
  db = await ensureMariaDb({ dir: dbDir, port: dbPort, log: say });
  say('building…');
  if ((await runNpm(['run', 'build'], { cwd: root })) !== 0) throw new Error('build failed');
  // the gateways first: the platform sends the applicants' SMS (补正补齐, 办结) through the SMS gateway simulator
  sims = await startNotifySims({ root, logDir: path.join(root, '.data', 'logs'), log: say });
  stack = await startStack({
    root,
    db,
    log: say,
    logDir: path.join(root, '.data', 'logs'),
    platformPort: Number(process.env.PLATFORM_PORT || 7100),
    deptSimPort: Number(process.env.DEPT_SIM_PORT || 7200),
    applicantSms: { cmppPort: sims.cmppPort },
  });
  ops = await startOpsChain({
    root,
    common: stack.env,
    db,
    log: say,
    logDir: path.join(root, '.data', 'logs'),
    cityPort: Number(process.env.CITY_PORT || 7160),
    opsPort: Number(process.env.OPS_PORT || 7140),
    // livelier than the production defaults so that the demo shows every category moving
    opsEnv: {
      REPORT_CRON_PERFORMANCE: '*/10 * * * * *',
      REPORT_CRON_ALERT: '*/5 * * * * *',
      REPORT_CRON_WORK_ORDER: '*/5 * * * * *',
      REPORT_CRON_RESOURCE: '0 * * * * *',
      REPORT_CRON_SUB_RESOURCE: '30 * * * * *',
      SAMPLE_INTERVAL_SECONDS: '5',
      DEVICE_SIM_FAULT_RATE: '0.05',
    },
  });
  const { platformUrl, deptSimUrl } = stack;
  const { cityUrl, opsUrl } = ops;
  const n = process.env.DEMO_APPLICATIONS || '240';
  say(`a day at the window: ${n} applications, 4 clerks, notifications deliberately lost by the department profiles…`);
  const code = await runNodeScript(root, 'dist-tools/test/tools/demo.cli.js', {
    ...stack.env,
    CITY_URL: cityUrl,
    OPS_URL: opsUrl,
    MAIL_SIM_URL: sims.urls.mail,
    SMSC_SIM_URL: sims.urls.smsc,
    DEMO_CLERKS: credentialsOf(stack.accounts['one-window'], 'OPERATOR').join(','),
    DEMO_OPS_ACCOUNT: credentialsOf(stack.accounts['ops-node'], 'OPS_ADMIN')[0],
    DEMO_CITY_ACCOUNT: credentialsOf(stack.accounts['city-supervisor'], 'CITY_MONITOR')[0],
    DEMO_APPLICATIONS: n,
    DEMO_SUMMARY_FILE: path.join(root, '.data', 'demo-summary.json'),
  });
  const clerkCredential = credentialsOf(stack.accounts['one-window'], 'OPERATOR')[0] ?? ':';
  const workbenchLogin = {
    username: clerkCredential.slice(0, clerkCredential.indexOf(':')),
    password: clerkCredential.slice(clerkCredential.indexOf(':') + 1),
  };
  const opsCredential = credentialsOf(stack.accounts['ops-node'], 'OPS_ENGINEER')[0] ?? ':';
  const accountLines = Object.entries(stack.accounts)
    .map(([app, list]) => `    ${app.padEnd(16)} ${list.map((a) => `${a.username} (${a.role}) ${a.password}`).join('\n                     ')}`)
    .join('\n');
  console.log(`
  Accounts of this installation (random passwords, kept in ${DEMO_ACCOUNTS_FILE}, mode 600):
${accountLines}

  综窗受理工作台 (window workbench)     ${platformUrl}/   用户名 ${workbenchLogin.username}  密码 ${workbenchLogin.password}
  运维控制台 (ops console)             ${opsUrl}/   用户名 ${opsCredential.slice(0, opsCredential.indexOf(':'))}  密码 ${opsCredential.slice(opsCredential.indexOf(':') + 1)}
  Platform API docs (Swagger UI)     ${platformUrl}/api/docs   (POST /api/v1/auth/login, then Authorize with the token)
  Platform health                    ${platformUrl}/health
  Platform WSDL (NotifyCallback)     ${platformUrl}/ws/exchange/callback?wsdl
  Department WSDL (NotifyAcceptance) ${deptSimUrl}/dept/AMR/ws/acceptance?wsdl   (AMR, HOUSING, PSB talk SOAP; HPF, DRC HTTP/JSON)
  Department simulator controls      ${deptSimUrl}/api/docs   and ${deptSimUrl}/sim/departments
  Ops node (运维节点) API docs        ${opsUrl}/api/docs   reporting health: ${opsUrl}/ops/api/reporting
  Ops node WSDL (city → district)    ${opsUrl}/ws/ops/secure-message?wsdl
  City supervisory system API docs   ${cityUrl}/api/docs   reporting health: ${cityUrl}/city/api/reporting-health
  City WSDL (reports, SM2)           ${cityUrl}/ws/ops/secure-message?wsdl
  Alert channels (simulated)         mails ${sims.urls.mail}/sim/mails   SMS ${sims.urls.smsc}/sim/inbox (alerts and the applicants' 补正补齐/办结 SMS)   voice calls ${sims.urls.voice}/sim/calls
                                     (send Authorization: Bearer <simControlToken> from .data/demo-secrets.json)
  MariaDB                            mariadb --no-defaults -h127.0.0.1 -P${db.port} -u${db.user} -p${db.password}
  Summary JSON                       .data/demo-summary.json
`);
  if (exitAfterSummary) return shutdown(code ?? 1);
  say('running; press Ctrl-C to stop');
}

process.on('SIGINT', () => {
  say('stopping…');
  void shutdown(0);
});
process.on('SIGTERM', () => void shutdown(0));
main().catch((err) => {
  console.error(`[demo] ERROR: ${err.message}`);
  void shutdown(1);
});
