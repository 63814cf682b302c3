// Starts the whole exchange (migrations, department simulator, platform) as child processes;
// shared by `npm run demo` and `npm run bench`. Built-ins only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A random password of 16 characters from four classes (passes the strict profile's classes, not its length). */
function randomPassword() {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%*+-=@^_'];
  const b = randomBytes(32);
  const chars = Array.from({ length: 16 }, (_, i) => sets[i % 4][b[i] % sets[i % 4].length]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = b[16 + i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

const DEMO_ACCOUNT_PLAN = {
  'one-window': [
    ...['01', '02', '03', '04'].map((w) => ({ username: `window${w}`, role: 'OPERATOR', windowNo: w })),
    { username: 'approver01', role: 'APPROVER', windowNo: '01' },
    { username: 'sysadmin', role: 'SYS_ADMIN' },
    { username: 'secadmin', role: 'SEC_ADMIN' },
    { username: 'auditadmin', role: 'AUDIT_ADMIN' },
  ],
  'ops-node': [
    { username: 'yunwei01', role: 'OPS_ENGINEER' },
    { username: 'opsadmin', role: 'OPS_ADMIN' },
    { username: 'sysadmin', role: 'SYS_ADMIN' },
    { username: 'secadmin', role: 'SEC_ADMIN' },
    { username: 'auditadmin', role: 'AUDIT_ADMIN' },
  ],
  'city-supervisor': [
    { username: 'citymon', role: 'CITY_MONITOR' },
    { username: 'sysadmin', role: 'SYS_ADMIN' },
    { username: 'secadmin', role: 'SEC_ADMIN' },
    { username: 'auditadmin', role: 'AUDIT_ADMIN' },
  ],
};

export const DEMO_ACCOUNTS_FILE = path.join('.data', 'demo-accounts.json');

/**
 * The demo's accounts of this installation: random passwords generated once, kept in
 * .data/demo-accounts.json (mode 600, git-ignored) and printed by the demo. No password is shared
 * between installations or written in the repository.
 */
export function installationAccounts(root) {
  const file = path.join(root, DEMO_ACCOUNTS_FILE);
  const stored = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const [app, plan] of Object.entries(DEMO_ACCOUNT_PLAN)) {
    stored[app] ??= [];
    for (const a of plan) {
      if (!stored[app].some((x) => x.username === a.username)) {
        stored[app].push({ ...a, password: randomPassword() });
        changed = true;
      }
    }
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored;
}

/** SEED_ACCOUNTS of one app: `username:ROLE:password[:windowNo]`. */
export const seedAccountsOf = (accounts) => accounts.map((a) => [a.username, a.role, a.password, ...(a.windowNo ? [a.windowNo] : [])].join(':')).join(',');

/** `username:password` of the accounts of a role, for the demo and bench drivers. */
export const credentialsOf = (accounts, role) => accounts.filter((a) => a.role === role).map((a) => `${a.username}:${a.password}`);

export function portFree(port) {
  return new Promise((resolve) => {
    const s = net
      .createServer()
      .once('error', () => resolve(false))
      .once('listening', () => s.close(() => resolve(true)));
    s.listen(port, '127.0.0.1');
  });
}

/** Secrets of this installation, generated once and kept under .data/ (git-ignored). */
export function installationSecrets(root) {
  const file = path.join(root, '.data', 'demo-secrets.json');
  const s = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  if (s.sharedSecret && s.keySeed && s.piiKey && s.simControlToken && s.dbPasswords) return s;
  // passwords of the apps' own least-privilege DB accounts (the migrate step creates them as admin)
  s.dbPasswords ??= Object.fromEntries(['ow', 'ds', 'ops', 'city'].map((a) => [a, `Db#${randomBytes(12).toString('base64url')}`]));
  // bearer token of the department simulator's control routes
  s.simControlToken ??= randomBytes(24).toString('base64url');
  s.sharedSecret ??= randomBytes(24).toString('base64url');
  // SM4 key of the applicants' ID and phone numbers in the platform DB
  s.piiKey ??= randomBytes(16).toString('hex');
  // seed of the development SM2 keys of this installation (province, city, national, node)
  s.keySeed ??= randomBytes(24).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

const DB_ACCOUNT_NAMES = { ow: 'ow_app', ds: 'dept_sim_app', ops: 'ops_app', city: 'city_app' };

/** An app's own DB account (`<prefix>ow_app`, …): what the app connects with. */
function dbAccount(root, prefix, app) {
  return { DB_USER: `${prefix}${DB_ACCOUNT_NAMES[app]}`, DB_PASSWORD: installationSecrets(root).dbPasswords[app] };
}

/** The environment of an app's migrate step: its own account to provision, the server's admin account to do it with. */
function migrateEnv(root, base, db, prefix, app) {
  return { ...base, ...dbAccount(root, prefix, app), DB_ADMIN_USER: db.user, DB_ADMIN_PASSWORD: db.password };
}

/**
 * The exchange topology of this installation: the built-in departments (read from the build),
 * each with its own two WebService accounts and random passwords, written once to
 * .data/exchange-topology.json (mode 600, git-ignored) and given to every app as
 * EXCHANGE_TOPOLOGY_FILE; nothing is derived from a shared secret.
 */
export function installationTopology(root) {
  const file = path.join(root, '.data', 'exchange-topology.json');
  if (fs.existsSync(file)) return file;
  const require = createRequire(import.meta.url);
  const { DEFAULT_DEPARTMENTS } = require(path.join(root, 'dist', 'libs', 'exchange-contract', 'src', 'topology', 'default-topology.js'));
  const pw = () => randomBytes(18).toString('base64url');
  const departments = DEFAULT_DEPARTMENTS.map((d) => ({
    ...d,
    platformCredential: { username: `platform-to-${d.code.toLowerCase()}`, password: pw() },
    deptCredential: { username: `dept-${d.code.toLowerCase()}`, password: pw() },
  }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ departments }, null, 2), { mode: 0o600 });
  return file;
}

/** Runs a compiled script with node --disable-proto=delete; resolves with its exit code. */
export function runNodeScript(root, script, env) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--disable-proto=delete', path.join(root, script)], { cwd: root, env, stdio: 'inherit' });
    p.on('error', reject);
    p.on('close', (code) => resolve(code));
  });
}

/** SIGTERM a started app and wait for it to exit (nothing if it already has). */
const stopOne = (p) =>
  p.exitCode === null && p.signalCode === null
    ? new Promise((r) => {
        p.once('exit', r);
        p.kill('SIGTERM');
      })
    : null;

async function startApp(root, name, env, readyUrl, logDir) {
  fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
  const logFile = path.join(logDir, `${name}.log`);
  // logs hold user names and addresses: readable by the owner only
  const out = fs.openSync(logFile, 'a', 0o600);
  fs.chmodSync(logFile, 0o600);
  // APP_NODE_ARGS adds node flags to every app, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' (not allowed in NODE_OPTIONS)
  const extra = (process.env.APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const p = spawn(process.execPath, ['--disable-proto=delete', ...extra, path.join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', out, out],
  });
  let exited = null;
  p.on('exit', (code, signal) => (exited = { code, signal }));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error(`${name} exited during start-up (${JSON.stringify(exited)}); see ${path.relative(root, logFile)}`);
    if (
      await fetch(readyUrl).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return p;
    await new Promise((r) => setTimeout(r, 200));
  }
  p.kill('SIGKILL');
  throw new Error(`${name} did not answer ${readyUrl} within 60 s; see ${path.relative(root, logFile)}`);
}

/**
 * The platform's settings for the SMS to applicants through a running smsc-sim (docs/applicant-sms.md):
 * the simulator's built-in account (SMSC_ACCOUNTS default 901234:sim-secret, simulator credentials only).
 * Only the platform gets them: the ops node reads variables of the same names for its own alert SMS.
 */
export function applicantSmsEnv({ cmppPort }) {
  return { CMPP_HOST: '127.0.0.1', CMPP_PORT: String(cmppPort), CMPP_SP_ID: '901234', CMPP_SECRET: 'sim-secret', CMPP_SRC_ID: '106900007100' };
}

/**
 * Migrates, then starts the department simulator and the platform. Returns their URLs, the
 * environment they share and stop(), which ends the platform first so that nothing it sends
 * meets a department that is already gone. With `applicantSms: { cmppPort }` the platform sends
 * the applicants' SMS (补正补齐, 办结) to the smsc-sim listening there.
 */
export async function startStack({ root, db, prefix = '', platformPort, deptSimPort, env = {}, applicantSms, logDir, log }) {
  for (const [port, what] of [
    [platformPort, 'platform'],
    [deptSimPort, 'department simulator'],
  ]) {
    if (!(await portFree(port))) throw new Error(`port ${port} for the ${what} is in use (a demo or bench still running?)`);
  }
  const { sharedSecret, piiKey, simControlToken } = installationSecrets(root);
  const accounts = installationAccounts(root);
  const platformUrl = `http://127.0.0.1:${platformPort}`;
  const deptSimUrl = `http://127.0.0.1:${deptSimPort}`;
  const common = {
    ...process.env,
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_USER: db.user,
    DB_PASSWORD: db.password,
    DB_NAME_PREFIX: prefix,
    EXCHANGE_SHARED_SECRET: sharedSecret,
    PII_SM4_KEY: piiKey,
    SIM_CONTROL_TOKEN: simControlToken,
    PLATFORM_URL: platformUrl,
    DEPT_SIM_URL: deptSimUrl,
    API_DOCS: 'on',
    SIMULATOR_CONTROLS: 'on',
    EXCHANGE_TOPOLOGY_FILE: process.env.EXCHANGE_TOPOLOGY_FILE || installationTopology(root),
    SCAN_CRON: process.env.SCAN_CRON || '*/2 * * * * *',
    SCAN_LAG_MS: process.env.SCAN_LAG_MS || '1500',
    ...env,
  };
  log('migrating the platform DB and the front-end DBs…');
  if ((await runNodeScript(root, 'dist/apps/one-window/src/cli/migrate.js', migrateEnv(root, common, db, prefix, 'ow'))) !== 0)
    throw new Error('platform migration failed');
  if ((await runNodeScript(root, 'dist/apps/dept-sim/src/cli/migrate.js', migrateEnv(root, common, db, prefix, 'ds'))) !== 0)
    throw new Error('simulator migration failed');
  const rel = path.relative(root, logDir);
  log(`starting the department simulator on ${deptSimUrl} (log: ${rel}/dept-sim.log)…`);
  const deptSim = await startApp(
    root,
    'dept-sim',
    { ...common, ...dbAccount(root, prefix, 'ds'), PORT: String(deptSimPort) },
    `${deptSimUrl}/sim/departments`,
    logDir,
  );
  log(`starting the one-window platform on ${platformUrl} (log: ${rel}/one-window.log)…`);
  let platform;
  try {
    platform = await startApp(
      root,
      'one-window',
      {
        ...common,
        ...dbAccount(root, prefix, 'ow'),
        PORT: String(platformPort),
        PUBLIC_URL: platformUrl,
        SEED_ACCOUNTS: seedAccountsOf(accounts['one-window']),
        ...(applicantSms ? applicantSmsEnv(applicantSms) : {}),
      },
      `${platformUrl}/health/live`,
      logDir,
    );
  } catch (err) {
    deptSim.kill('SIGTERM');
    throw err;
  }
  return {
    platformUrl,
    deptSimUrl,
    env: common,
    db,
    prefix,
    accounts,
    pids: { platform: platform.pid, deptSim: deptSim.pid },
    async stop() {
      await stopOne(platform);
      await stopOne(deptSim);
    },
  };
}

/**
 * The district ops node and the city supervisory system next to a running exchange: migrations,
 * the city first (so the node's first reports find it), then the node. Development SM2 keys are
 * derived from this installation's seed (.data/demo-secrets.json).
 */
export async function startOpsChain({ root, common, db, prefix = '', cityPort, opsPort, opsEnv = {}, logDir, log }) {
  for (const [port, what] of [
    [cityPort, 'city supervisory system'],
    [opsPort, 'ops node'],
  ]) {
    if (!(await portFree(port))) throw new Error(`port ${port} for the ${what} is in use (a demo or bench still running?)`);
  }
  const { keySeed } = installationSecrets(root);
  const cityUrl = `http://127.0.0.1:${cityPort}`;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  // the ops node delivers downlink records to the departments, so it reads the exchange topology (with
  // each department's credentials) like the platform does; alone (bench --only ops) it takes the installation's
  const env = { ...common, EXCHANGE_TOPOLOGY_FILE: common.EXCHANGE_TOPOLOGY_FILE || installationTopology(root) };
  // each process gets its own private key and the others' public keys (files under .data/keys)
  const keysDir = path.join(root, '.data', 'keys');
  const nodeCode = opsEnv.NODE_CODE ?? common.NODE_CODE ?? 'SLQ-410404';
  if (
    (await runNodeScript(root, 'dist-tools/test/tools/issue-dev-keys.cli.js', {
      ...process.env,
      KEYS_DIR: keysDir,
      KEY_SEED: keySeed,
      NODE_CODES: nodeCode,
    })) !== 0
  )
    throw new Error('issuing the SM2 keys failed');
  const keyFile = (role, kind) => path.join(keysDir, `${role.replace(/[^A-Za-z0-9-]/g, '_')}.${kind}.pem`);
  const cityKeys = {
    PROVINCE_KEY_FILE: keyFile('province', 'key'),
    CITY_KEY_FILE: keyFile('city', 'key'),
    NATIONAL_KEY_FILE: keyFile('national', 'key'),
    DEFAULT_NODE_PUBLIC_KEY_FILE: keyFile(`node:${nodeCode}`, 'pub'),
  };
  const nodeKeys = {
    NODE_KEY_FILE: keyFile(`node:${nodeCode}`, 'key'),
    PROVINCE_PUBLIC_KEY_FILE: keyFile('province', 'pub'),
    CITY_PUBLIC_KEY_FILE: keyFile('city', 'pub'),
    NATIONAL_PUBLIC_KEY_FILE: keyFile('national', 'pub'),
  };
  log('migrating the ops node DB, the ops front DB and the city DB…');
  if ((await runNodeScript(root, 'dist/apps/ops-node/src/cli/migrate.js', migrateEnv(root, env, db, prefix, 'ops'))) !== 0)
    throw new Error('ops node migration failed');
  const accounts = installationAccounts(root);
  const cityEnv = {
    ...env,
    ...dbAccount(root, prefix, 'city'),
    PORT: String(cityPort),
    PUBLIC_URL: cityUrl,
    DEFAULT_NODE_URL: opsUrl,
    ...cityKeys,
    SEED_ACCOUNTS: seedAccountsOf(accounts['city-supervisor']),
  };
  if ((await runNodeScript(root, 'dist/apps/city-supervisor/src/cli/migrate.js', migrateEnv(root, cityEnv, db, prefix, 'city'))) !== 0)
    throw new Error('city migration failed');
  const rel = path.relative(root, logDir);
  log(`starting the city supervisory system on ${cityUrl} (log: ${rel}/city-supervisor.log)…`);
  const city = await startApp(root, 'city-supervisor', cityEnv, `${cityUrl}/health/live`, logDir);
  log(`starting the district ops node on ${opsUrl} (log: ${rel}/ops-node.log)…`);
  const opsProcessEnv = (extra) => ({
    ...env,
    ...dbAccount(root, prefix, 'ops'),
    PORT: String(opsPort),
    PUBLIC_URL: opsUrl,
    CITY_URL: cityUrl,
    ...nodeKeys,
    SEED_ACCOUNTS: seedAccountsOf(accounts['ops-node']),
    ...opsEnv,
    ...extra,
  });
  let ops;
  try {
    ops = await startApp(root, 'ops-node', opsProcessEnv({}), `${opsUrl}/health/live`, logDir);
  } catch (err) {
    city.kill('SIGTERM');
    throw err;
  }
  return {
    cityUrl,
    opsUrl,
    env,
    accounts,
    get pids() {
      return { opsNode: ops.pid, city: city.pid };
    },
    /** Restarts the ops node with extra settings (the bench compares payload encryptions). */
    async restartNode(extra) {
      await stopOne(ops);
      ops = await startApp(root, 'ops-node', opsProcessEnv(extra), `${opsUrl}/health/live`, logDir);
    },
    async stop() {
      await stopOne(ops);
      await stopOne(city);
    },
  };
}

/**
 * The far ends of the alert channels on their default ports, which are the ops node's defaults too:
 * mail-sim (SMTP 2525, HTTP 7610), smsc-sim (CMPP 7890, HTTP 7600), voice-sim (HTTP 7620).
 */
export async function startNotifySims({ root, logDir, log }) {
  const sims = [
    { name: 'mail-sim', http: 7610, other: 2525, env: { SMTP_PORT: '2525' }, what: 'mail (SMTP) simulator' },
    { name: 'smsc-sim', http: 7600, other: 7890, env: { CMPP_PORT: '7890' }, what: 'SMS gateway (CMPP 2.0) simulator' },
    { name: 'voice-sim', http: 7620, env: {}, what: 'voice-call gateway simulator' },
  ];
  for (const s of sims) {
    for (const port of [s.http, s.other].filter(Boolean)) {
      if (!(await portFree(port))) throw new Error(`port ${port} for the ${s.what} is in use (a demo still running?)`);
    }
  }
  const started = [];
  try {
    for (const s of sims) {
      log(`starting the ${s.what} on http://127.0.0.1:${s.http} (log: ${path.relative(root, logDir)}/${s.name}.log)…`);
      started.push(
        await startApp(
          root,
          s.name,
          { ...process.env, SIM_CONTROL_TOKEN: installationSecrets(root).simControlToken, PORT: String(s.http), ...s.env },
          `http://127.0.0.1:${s.http}/sim/stats`,
          logDir,
        ),
      );
    }
  } catch (err) {
    await Promise.all(started.map(stopOne));
    throw err;
  }
  return {
    urls: { mail: 'http://127.0.0.1:7610', smsc: 'http://127.0.0.1:7600', voice: 'http://127.0.0.1:7620' },
    cmppPort: 7890,
    async stop() {
      await Promise.all(started.map(stopOne));
    },
  };
}
