import { deriveDevKey, DEV_ROLES } from '@app/ops-contract';
import { createConnection, Connection } from 'mysql2/promise';
import { ACCOUNTS, API_PREFIX, seedAccounts, Sessions } from './accounts';
import { IssuedKeys } from './keys';
import { adminDbEnv, appDbEnv, dbEnv, dropDatabases, freePort, freshPrefix, testDb, waitFor } from './env';
import { CALM_PROFILE, PII_KEY, SECRET } from './exchange-env';
import { runCli, RunningApp, startApp } from './processes';

export const NODE_CODE = 'SLQ-410404';
export const KEY_SEED = 'integration-test-key-seed';

/**
 * The ops chain on one machine: the city supervisory system, one district ops node and the department
 * simulator (the units downlink data is forwarded to) — real compiled apps, their own schemas and ports.
 */
export class OpsEnv {
  city?: RunningApp;
  ops?: RunningApp;
  deptSim?: RunningApp;
  private conns = new Map<string, Connection>();
  readonly sessions = new Sessions();
  readonly keys = IssuedKeys.issue(KEY_SEED, [NODE_CODE]);

  private constructor(
    readonly prefix: string,
    readonly cityPort: number,
    readonly opsPort: number,
    readonly deptSimPort: number,
  ) {}

  static async create(): Promise<OpsEnv> {
    const env = new OpsEnv(freshPrefix(), await freePort(), await freePort(), await freePort());
    const admin = adminDbEnv();
    await runCli('apps/one-window/src/cli/migrate.js', { ...env.baseEnv(), ...appDbEnv(env.prefix, 'ow'), ...admin });
    await runCli('apps/dept-sim/src/cli/migrate.js', { ...env.baseEnv(), ...appDbEnv(env.prefix, 'ds'), ...admin });
    await runCli('apps/ops-node/src/cli/migrate.js', { ...env.opsEnv(), ...admin });
    await runCli('apps/city-supervisor/src/cli/migrate.js', { ...env.cityEnv(), ...admin });
    return env;
  }

  get cityUrl(): string {
    return `http://127.0.0.1:${this.cityPort}`;
  }

  get opsUrl(): string {
    return `http://127.0.0.1:${this.opsPort}`;
  }

  get deptSimUrl(): string {
    return `http://127.0.0.1:${this.deptSimPort}`;
  }

  baseEnv(): NodeJS.ProcessEnv {
    return {
      ...dbEnv(this.prefix),
      EXCHANGE_SHARED_SECRET: SECRET,
      PII_SM4_KEY: PII_KEY,
      DEPT_SIM_URL: this.deptSimUrl,
      PLATFORM_URL: 'http://127.0.0.1:9',
      SIM_PROFILE_OVERRIDE: JSON.stringify(CALM_PROFILE),
      NOTIFY_TIMEOUT_MS: '2000',
      SIMULATOR_CONTROLS: 'on',
    };
  }

  cityEnv(): NodeJS.ProcessEnv {
    return {
      ...this.baseEnv(),
      ...appDbEnv(this.prefix, 'city'),
      ...this.keys.cityEnv(NODE_CODE),
      SEED_ACCOUNTS: seedAccounts('city-supervisor'),
      PORT: String(this.cityPort),
      PUBLIC_URL: this.cityUrl,
      DEFAULT_NODE_CODE: NODE_CODE,
      DEFAULT_NODE_URL: this.opsUrl,
      DEFAULT_NODE_TRANSPORT: 'http',
      WORK_ORDER_POLL_MS: '200',
      WORK_ORDER_RETRY_BASE_MS: '200',
      WORK_ORDER_RETRY_MAX_MS: '1000',
    };
  }

  /** The ops node with every schedule off: the tests trigger reports through the API, so counts are exact. */
  opsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const off = Object.fromEntries(['RESOURCE', 'SUB_RESOURCE', 'PERFORMANCE', 'ALERT', 'WORK_ORDER', 'NODE_INFO'].map((c) => [`REPORT_CRON_${c}`, '']));
    return {
      ...this.baseEnv(),
      ...off,
      ...appDbEnv(this.prefix, 'ops'),
      ...this.keys.opsNodeEnv(NODE_CODE),
      SEED_ACCOUNTS: seedAccounts('ops-node'),
      PORT: String(this.opsPort),
      PUBLIC_URL: this.opsUrl,
      NODE_CODE,
      CITY_URL: this.cityUrl,
      REPORT_FULL_CRON: '',
      REPORT_POLL_MS: '100',
      REPORT_TIMEOUT_MS: '3000',
      REPORT_BACKOFF_MAX_MS: '1000',
      SAMPLE_INTERVAL_SECONDS: '0',
      DISCOVERY_CRON: '',
      DOWNLINK_SCAN_CRON: '*/1 * * * * *',
      DOWNLINK_DELIVER_POLL_MS: '200',
      BUSINESS_SYSTEMS: `部门业务系统（模拟）=${this.deptSimUrl}`,
      ...extra,
    };
  }

  async startCity(extra: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
    this.city = await startApp('city-supervisor', { ...this.cityEnv(), ...extra }, `${this.cityUrl}/health/live`);
    return this.city;
  }

  async startOps(extra: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
    this.ops = await startApp('ops-node', this.opsEnv(extra), `${this.opsUrl}/health/live`);
    return this.ops;
  }

  async startDeptSim(): Promise<RunningApp> {
    this.deptSim = await startApp(
      'dept-sim',
      { ...this.baseEnv(), ...appDbEnv(this.prefix, 'ds'), PORT: String(this.deptSimPort), SCAN_CRON: '*/5 * * * * *' },
      `${this.deptSimUrl}/sim/departments`,
    );
    return this.deptSim;
  }

  /** Session headers for a URL of the ops node (as its ops admin) or the city (as its monitor); none elsewhere. */
  async authFor(url: string): Promise<Record<string, string>> {
    if (url.startsWith(`${this.opsUrl}/ops/api/`) || url === `${this.opsUrl}/health`)
      return this.sessions.headers(this.opsUrl, API_PREFIX['ops-node'], ACCOUNTS.opsAdmin);
    if (url.startsWith(`${this.cityUrl}/city/api/`) && !url.includes('/city/api/ops/'))
      return this.sessions.headers(this.cityUrl, API_PREFIX['city-supervisor'], ACCOUNTS.cityMonitor);
    if (url === `${this.cityUrl}/health`) return this.sessions.headers(this.cityUrl, API_PREFIX['city-supervisor'], ACCOUNTS.cityMonitor);
    return {};
  }

  async json<T = unknown>(url: string, init?: RequestInit): Promise<T> {
    const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(await this.authFor(url)), ...(init?.headers ?? {}) } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Queues a report of one category on the ops node. */
  runReport(category: string, mode: 'FULL' | 'INCREMENTAL' = 'FULL') {
    return this.json<{ messages: string[]; items: number }>(`${this.opsUrl}/ops/api/reporting/${category}/run?mode=${mode}`, { method: 'POST' });
  }

  reporting() {
    return this.json<{
      categories: { category: string; pending: number; sent: number; refused: number; lastError: string | null; lastErrorCode: string | null }[];
    }>(`${this.opsUrl}/ops/api/reporting`);
  }

  /** Waits until nothing is pending in the node's outbox (and fails on a refusal). */
  async waitOutboxDrained(timeoutMs = 30_000): Promise<void> {
    await waitFor(
      'the report outbox to drain',
      async () => {
        const r = await this.reporting();
        const refused = r.categories.filter((c) => c.refused > 0);
        if (refused.length) throw new Error(`refused by the city: ${JSON.stringify(refused)}`);
        return r.categories.every((c) => c.pending === 0);
      },
      timeoutMs,
    );
  }

  async query<T = Record<string, unknown>>(db: 'ops_node' | 'ops_front' | 'city_supervisor', sql: string, params: unknown[] = []): Promise<T[]> {
    let c = this.conns.get(db);
    if (!c) this.conns.set(db, (c = await createConnection({ ...testDb(), database: `${this.prefix}${db}`, timezone: '+08:00' })));
    const [rows] = await c.query(sql, params);
    return rows as T[];
  }

  provinceKey() {
    return deriveDevKey(KEY_SEED, DEV_ROLES.province);
  }

  nodeKey() {
    return deriveDevKey(KEY_SEED, DEV_ROLES.node(NODE_CODE));
  }

  async close(): Promise<void> {
    await Promise.all([this.city?.stop(), this.ops?.stop(), this.deptSim?.stop()]);
    for (const c of this.conns.values()) await c.end();
    await dropDatabases(this.prefix);
  }
}
