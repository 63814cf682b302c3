import { randomBytes } from 'node:crypto';
import { BehaviourProfile, DepartmentConfig, loadTopology, Topology } from '@app/exchange-contract';
import { FrontDbClient, FrontDbRegistry } from '@app/front-db';
import { createConnection, Connection } from 'mysql2/promise';
import { ACCOUNTS, API_PREFIX, seedAccounts, Sessions } from './accounts';
import { ClerkClient } from './clerk-client';
import { adminDbEnv, appDbEnv, dbEnv, DbApp, dropDatabases, freePort, freshPrefix, SIM_CONTROL_TOKEN, testDb, testTopologyFile } from './env';
import { RunningApp, runCli, startApp } from './processes';

export const SECRET = 'integration-test-shared-secret';
/** SM4 key of the applicants' personal data in the platform DB, new for every test process */
export const PII_KEY = randomBytes(16).toString('hex');
export { SIM_CONTROL_TOKEN };
export const CLERK = ACCOUNTS.clerk;
export const APPROVER = ACCOUNTS.approver;

/** A quiet, fast profile: no randomness unless a test asks for it. */
export const CALM_PROFILE: BehaviourProfile = {
  acceptDelayMs: 50,
  concludeDelayMs: 100,
  supplementRate: 0,
  rejectRate: 0,
  callbackLossRate: 0,
  inboundDropRate: 0,
};

export interface EnvOptions {
  profile?: Partial<BehaviourProfile>;
  platformEnv?: NodeJS.ProcessEnv;
  deptSimEnv?: NodeJS.ProcessEnv;
  /** runs before the migrate step, with the schema prefix (e.g. a department creating its own front DB) */
  beforeMigrate?: (prefix: string) => Promise<void>;
}

/**
 * One isolated exchange: its own schemas (a fresh prefix) on the private MariaDB, its own
 * ports, the real compiled apps as child processes.
 */
export class ExchangeEnv {
  platform?: RunningApp;
  deptSim?: RunningApp;
  /** what the platform's migrate step printed */
  migrateLog = '';
  readonly topology: Topology;
  private frontDbs?: FrontDbRegistry;
  private platformConn?: Connection;
  private readonly sessions = new Sessions();

  private constructor(
    readonly prefix: string,
    readonly platformPort: number,
    readonly deptSimPort: number,
    private readonly opts: EnvOptions,
  ) {
    const db = testDb();
    this.topology = loadTopology({
      topologyFile: testTopologyFile(),
      appMode: 'production',
      dbHost: db.host,
      dbPort: db.port,
      dbUser: db.user,
      dbPassword: db.password,
      dbNamePrefix: prefix,
      deptSimUrl: this.deptSimUrl,
      sharedSecret: SECRET,
      profileOverride: JSON.stringify(this.profile),
    });
  }

  static async create(opts: EnvOptions = {}): Promise<ExchangeEnv> {
    const env = new ExchangeEnv(freshPrefix(), await freePort(), await freePort(), opts);
    await opts.beforeMigrate?.(env.prefix);
    await env.migrate();
    return env;
  }

  /** The migrate steps, as the DBA would run them: the admin account, which provisions each app's own account. */
  async migrate(): Promise<void> {
    this.migrateLog = await runCli('apps/one-window/src/cli/migrate.js', this.migrateEnv('ow'));
    await runCli('apps/dept-sim/src/cli/migrate.js', this.migrateEnv('ds'));
  }

  migrateEnv(app: DbApp): NodeJS.ProcessEnv {
    return { ...this.baseEnv(), ...appDbEnv(this.prefix, app), ...adminDbEnv() };
  }

  get profile(): BehaviourProfile {
    return { ...CALM_PROFILE, ...this.opts.profile };
  }

  get platformUrl(): string {
    return `http://127.0.0.1:${this.platformPort}`;
  }

  get deptSimUrl(): string {
    return `http://127.0.0.1:${this.deptSimPort}`;
  }

  baseEnv(): NodeJS.ProcessEnv {
    return {
      ...dbEnv(this.prefix),
      EXCHANGE_SHARED_SECRET: SECRET,
      PII_SM4_KEY: PII_KEY,
      SIM_CONTROL_TOKEN,
      DEPT_SIM_URL: this.deptSimUrl,
      PLATFORM_URL: this.platformUrl,
      SIM_PROFILE_OVERRIDE: JSON.stringify(this.profile),
      SCAN_CRON: '*/1 * * * * *',
      SCAN_LAG_MS: '500',
      NOTIFY_TIMEOUT_MS: '2000',
    };
  }

  /** Starts the platform; with another port it is an extra replica on the same databases (this.platform is left alone). */
  async startPlatform(extra: NodeJS.ProcessEnv = {}, port = this.platformPort): Promise<RunningApp> {
    const url = `http://127.0.0.1:${port}`;
    const app = await startApp(
      'one-window',
      {
        ...this.baseEnv(),
        ...appDbEnv(this.prefix, 'ow'),
        PORT: String(port),
        PUBLIC_URL: url,
        SEED_ACCOUNTS: seedAccounts('one-window'),
        DISPATCH_POLL_MS: '100',
        DISPATCH_LEASE_MS: '5000',
        ...this.opts.platformEnv,
        ...extra,
      },
      `${url}/health/live`,
    );
    if (port === this.platformPort) this.platform = app;
    return app;
  }

  async startDeptSim(extra: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
    this.deptSim = await startApp(
      'dept-sim',
      { ...this.baseEnv(), ...appDbEnv(this.prefix, 'ds'), PORT: String(this.deptSimPort), WORKER_POLL_MS: '50', ...this.opts.deptSimEnv, ...extra },
      `${this.deptSimUrl}/sim/departments`,
    );
    return this.deptSim;
  }

  /** GET /health as the system administrator (the detailed health is not public). */
  async health(): Promise<Response> {
    return fetch(`${this.platformUrl}/health`, { headers: await this.sessions.headers(this.platformUrl, API_PREFIX['one-window'], ACCOUNTS.sysAdmin) });
  }

  async clerk(): Promise<ClerkClient> {
    return ClerkClient.login(this.platformUrl, CLERK.username, CLERK.password);
  }

  dept(code: string): DepartmentConfig {
    const d = this.topology.departments.find((x) => x.code === code);
    if (!d) throw new Error(`no department ${code}`);
    return d;
  }

  async front(code: string): Promise<FrontDbClient> {
    this.frontDbs ??= await FrontDbRegistry.open(this.topology.departments, { poolSize: 2, strict: true });
    return this.frontDbs.get(code);
  }

  /** Plain SQL on the platform DB, for assertions that look under the API. */
  async platformQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.platformConn ??= await createConnection({ ...testDb(), database: `${this.prefix}ow_platform`, timezone: '+08:00' });
    const [rows] = await this.platformConn.query(sql, params);
    return rows as T[];
  }

  async simCounters(): Promise<{ code: string; counters: Record<string, number> }[]> {
    return (await fetch(`${this.deptSimUrl}/sim/departments`)).json() as Promise<{ code: string; counters: Record<string, number> }[]>;
  }

  async close(): Promise<void> {
    await Promise.all([this.platform?.stop(), this.deptSim?.stop()]);
    await this.frontDbs?.close();
    await this.platformConn?.end();
    await dropDatabases(this.prefix);
  }
}
