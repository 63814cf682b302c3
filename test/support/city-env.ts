import { IssuedKeys } from './keys';
import { ACCOUNTS, API_PREFIX, seedAccounts, Sessions } from './accounts';
import { Sm2PrivateKey, Sm2PublicKey, sm3 } from '@app/gm-crypto';
import {
  DEV_ROLES,
  deriveDevKey,
  ReportCategory,
  ReportItem,
  ReportMode,
  SealOptions,
  sealSecureMessage,
  SecureMessage,
  signingString,
  wireTimestamp,
} from '@app/ops-contract';
import { randomBytes } from 'node:crypto';
import { createConnection, Connection } from 'mysql2/promise';
import { adminDbEnv, appDbEnv, dbEnv, dropDatabases, freePort, freshPrefix, testDb } from './env';
import { RunningApp, runCli, startApp } from './processes';

export const CITY_SEED = 'city-e2e-dev-seed';
export const NODE_CODE = 'SLQ-410404';
/** the city's key files, issued once per test process */
const CITY_KEY_FILES = IssuedKeys.issue(CITY_SEED, [NODE_CODE]);
export const CITY_NODE_CODE = 'CITY-4104';

/** The keys a district node and the test hold (derived from the seed the city is started with). */
export const keys = {
  node: deriveDevKey(CITY_SEED, DEV_ROLES.node(NODE_CODE)),
  province: deriveDevKey(CITY_SEED, DEV_ROLES.province),
  city: deriveDevKey(CITY_SEED, DEV_ROLES.city),
  national: deriveDevKey(CITY_SEED, DEV_ROLES.national),
  stranger: deriveDevKey(CITY_SEED, 'stranger'),
};

export const DEFAULT_SEAL: SealOptions = { encryption: 'SM2', cipherMode: 'C1C3C2', cipherFormat: 'prefixed04' };

export interface ReportSpec {
  category: ReportCategory;
  mode?: ReportMode;
  items: ReportItem[];
  messageId?: string;
  nodeCode?: string;
  /** sent as the plaintext instead of the JSON report (malformed/empty/mismatch cases) */
  plaintext?: Buffer;
  signer?: Sm2PrivateKey;
  recipient?: Sm2PublicKey;
  opts?: SealOptions;
  now?: Date;
  generatedAt?: Date;
}

export function newMessageId(tag = 'MSG'): string {
  return `${tag}-${Date.now()}-${randomBytes(4).toString('hex')}`;
}

/** Seals a report exactly as a district node would. */
export function sealReport(spec: ReportSpec): SecureMessage {
  const nodeCode = spec.nodeCode ?? NODE_CODE;
  const mode = spec.mode ?? ReportMode.INCREMENTAL;
  const plaintext =
    spec.plaintext ??
    Buffer.from(
      JSON.stringify({ nodeCode, category: spec.category, mode, generatedAt: wireTimestamp(spec.generatedAt ?? new Date()), items: spec.items }),
      'utf8',
    );
  return sealSecureMessage(
    { nodeCode, category: spec.category, mode, messageId: spec.messageId ?? newMessageId(spec.category), plaintext },
    spec.signer ?? keys.node,
    spec.recipient ?? keys.province.publicKey,
    spec.opts ?? DEFAULT_SEAL,
    spec.now ?? new Date(),
  );
}

/** Re-signs a message after a test changed signed fields (to reach the checks behind the signature). */
export function resign(m: SecureMessage, signer: Sm2PrivateKey = keys.node): SecureMessage {
  return { ...m, signature: signer.sign(signingString(m)).toString('base64') };
}

export const digestOf = (plain: Buffer | string): string => sm3(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain).toString('hex');

const iso = (d: Date = new Date()) => wireTimestamp(d);

/** One valid item of each category. */
export const sample = {
  resource: (id: string, extra: Partial<ReportItem> = {}): ReportItem => ({
    resourceId: id,
    resourceIp: '10.10.1.1',
    resourceClass: 'NETWORK_DEVICE',
    name: '核心交换机',
    model: 'S12700E',
    brand: '华为',
    updatedAt: iso(),
    ...extra,
  }),
  subResource: (id: string, resourceId: string, extra: Partial<ReportItem> = {}): ReportItem => ({
    subResourceId: id,
    resourceId,
    kind: 'PORT',
    name: 'GE1/0/1',
    ip: '10.10.1.2',
    status: 'UP',
    updatedAt: iso(),
    ...extra,
  }),
  performance: (resourceId: string, metric: string, value: number, at: Date, extra: Partial<ReportItem> = {}): ReportItem => ({
    resourceId,
    metric,
    value,
    unit: '%',
    sampledAt: iso(at),
    ...extra,
  }),
  alert: (id: string, extra: Partial<ReportItem> = {}): ReportItem => ({
    alertId: id,
    resourceId: 'R-001',
    resourceClass: 'NETWORK_DEVICE',
    metric: 'cpu',
    severity: 'MAJOR',
    status: 'FIRING',
    value: 95,
    threshold: 90,
    message: 'CPU 使用率超过阈值',
    raisedAt: iso(),
    ...extra,
  }),
  workOrder: (id: string, extra: Partial<ReportItem> = {}): ReportItem => ({
    orderId: id,
    subject: '核心交换机 CPU 持续偏高',
    content: '请协助排查核心交换机 CPU 偏高原因。',
    originUnit: '区大数据中心',
    businessType: '网络故障',
    receiverUnit: '市运维交换监管中心',
    originContact: '李强',
    originPhone: '0371-66661234',
    status: 'PENDING',
    opsLevel: 2,
    updatedAt: iso(),
    ...extra,
  }),
  nodeInfo: (extra: Partial<ReportItem> = {}): ReportItem => ({
    nodeCode: NODE_CODE,
    unitName: '区大数据中心',
    personInCharge: '王芳',
    personPhone: '13800001111',
    dutyPhone: '0371-66660000',
    address: '示例区政务服务中心 5 楼',
    nodeLevel: 'DISTRICT',
    updatedAt: iso(),
    ...extra,
  }),
};

export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One isolated city: its own schemas (a fresh prefix) on the private MariaDB, its own port, the real
 * compiled app as a child process.
 */
export class CityEnv {
  city?: RunningApp;
  private conn?: Connection;

  private constructor(
    readonly prefix: string,
    readonly port: number,
    private readonly extraEnv: NodeJS.ProcessEnv,
  ) {}

  static async create(extraEnv: NodeJS.ProcessEnv = {}): Promise<CityEnv> {
    const env = new CityEnv(freshPrefix(), await freePort(), extraEnv);
    await runCli('apps/city-supervisor/src/cli/migrate.js', { ...env.env(), ...adminDbEnv() });
    return env;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get soapUrl(): string {
    return `${this.url}/ws/ops/secure-message`;
  }

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...dbEnv(this.prefix),
      ...appDbEnv(this.prefix, 'city'),
      PORT: String(this.port),
      PUBLIC_URL: this.url,
      ...CITY_KEY_FILES.cityEnv(NODE_CODE),
      DEFAULT_NODE_CODE: NODE_CODE,
      SEED_ACCOUNTS: seedAccounts('city-supervisor'),
      SIMULATOR_CONTROLS: 'on',
      ...this.extraEnv,
      ...extra,
    };
  }

  async start(extra: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
    this.city = await startApp('city-supervisor', this.env(extra), `${this.url}/health/live`);
    return this.city;
  }

  async stop(): Promise<void> {
    await this.city?.stop();
    this.city = undefined;
  }

  /** A connection to the test MariaDB (no default schema: name tables with db()). */
  async sql(): Promise<Connection> {
    this.conn ??= await createConnection({ ...testDb(), timezone: '+08:00' });
    return this.conn;
  }

  db(name: 'city_supervisor' | 'ops_front'): string {
    return `\`${this.prefix}${name}\``;
  }

  /** POSTs as the city monitor (the secure-message intake ignores the session and checks the message itself). */
  async postJson(path: string, body: unknown): Promise<HttpReply> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(path.startsWith('/city/api/ops/') ? {} : await this.auth()) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  readonly sessions = new Sessions();

  /** Bearer headers of the city monitor account. */
  auth(): Promise<Record<string, string>> {
    return this.sessions.headers(this.url, API_PREFIX['city-supervisor'], ACCOUNTS.cityMonitor);
  }

  async get<T = unknown>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`, { headers: await this.auth(), signal: AbortSignal.timeout(30_000) });
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  submit(message: unknown): Promise<HttpReply> {
    return this.postJson('/city/api/ops/secure-messages', message);
  }

  async close(): Promise<void> {
    await this.stop();
    await this.conn?.end();
    await dropDatabases(this.prefix);
  }
}
