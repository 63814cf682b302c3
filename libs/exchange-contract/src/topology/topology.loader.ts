import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_DEPARTMENTS, DEFAULT_PROFILE, DepartmentSeed } from './default-topology';
import { BehaviourProfile, Credential, DepartmentConfig, FrontDbConfig, Topology, Transport } from './topology.types';

export interface TopologyEnv {
  /** optional JSON file: { departments: [{ code, name, transport, endpoint?, frontDb?, platformCredential?, deptCredential?, profile? }] } (docs/exchange-contract.md) */
  topologyFile?: string;
  dbHost: string;
  dbPort: number;
  dbUser: string;
  dbPassword: string;
  dbNamePrefix: string;
  /** base URL of the department simulator; each department lives under /dept/<code> */
  deptSimUrl: string;
  /** APP_MODE=development only: the secret missing credentials are derived from */
  sharedSecret: string;
  /** 'development' derives the credentials a department lacks from sharedSecret; otherwise (default) every department must have both */
  appMode?: 'production' | 'development';
  /** JSON object of profile overrides applied to every department (tests, demo) */
  profileOverride?: string;
}

const CODE = /^[A-Z][A-Z0-9_]{1,15}$/;
const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
export const MIN_EXCHANGE_PASSWORD_LENGTH = 12;

function derivePassword(secret: string, purpose: string): string {
  return createHmac('sm3', secret).update(purpose).digest('base64url').slice(0, 24);
}

function checkProfile(code: string, p: BehaviourProfile): BehaviourProfile {
  for (const k of ['supplementRate', 'rejectRate', 'callbackLossRate', 'inboundDropRate'] as const) {
    if (typeof p[k] !== 'number' || p[k] < 0 || p[k] > 1) throw new Error(`topology: department ${code}: profile.${k} must be a number in [0,1]`);
  }
  for (const k of ['acceptDelayMs', 'concludeDelayMs'] as const) {
    if (!Number.isInteger(p[k]) || p[k] < 0) throw new Error(`topology: department ${code}: profile.${k} must be a non-negative integer`);
  }
  return p;
}

type SeedWithOverrides = DepartmentSeed & {
  endpoint?: unknown;
  frontDb?: Partial<Record<keyof FrontDbConfig, unknown>>;
  platformCredential?: unknown;
  deptCredential?: unknown;
};

function checkCredential(code: string, field: 'platformCredential' | 'deptCredential', v: unknown): Credential {
  const c = (typeof v === 'object' && v !== null ? v : {}) as { username?: unknown; password?: unknown };
  if (typeof c.username !== 'string' || !USERNAME.test(c.username))
    throw new Error(`topology: department ${code}: ${field}.username must be 3–64 characters of A-Z a-z 0-9 . _ @ -`);
  if (typeof c.password !== 'string' || c.password.length < MIN_EXCHANGE_PASSWORD_LENGTH)
    throw new Error(`topology: department ${code}: ${field}.password must be a string of at least ${MIN_EXCHANGE_PASSWORD_LENGTH} characters`);
  return { username: c.username, password: c.password };
}

function checkEndpoint(code: string, v: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof v === 'string' ? new URL(v) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error(`topology: department ${code}: endpoint must be an http(s) base URL`);
  return (v as string).replace(/\/$/, '');
}

function frontDbOf(code: string, s: SeedWithOverrides, env: TopologyEnv): FrontDbConfig {
  const f = s.frontDb ?? {};
  if (typeof f !== 'object' || f === null) throw new Error(`topology: department ${code}: frontDb must be an object`);
  const text = (k: 'host' | 'user' | 'password' | 'database', fallback: string): string => {
    if (f[k] === undefined) return fallback;
    if (typeof f[k] !== 'string' || (k !== 'password' && f[k] === '')) throw new Error(`topology: department ${code}: frontDb.${k} must be a string`);
    return f[k] as string;
  };
  if (f.port !== undefined && (!Number.isInteger(f.port) || (f.port as number) < 1 || (f.port as number) > 65535))
    throw new Error(`topology: department ${code}: frontDb.port must be an integer 1–65535`);
  return {
    host: text('host', env.dbHost),
    port: (f.port as number | undefined) ?? env.dbPort,
    user: text('user', env.dbUser),
    password: text('password', env.dbPassword),
    database: text('database', `${env.dbNamePrefix}fe_${code.toLowerCase()}`),
  };
}

/**
 * Builds the exchange topology shared by the platform, the department simulator and the ops
 * node; throws on bad input. Each department's two WebService accounts come from the file
 * (platformCredential: the platform → the department; deptCredential: the department → the
 * platform). Only with appMode 'development' are missing ones derived from the shared secret;
 * otherwise a department without them stops the start, named in the error.
 */
export function loadTopology(env: TopologyEnv): Topology {
  let seeds: SeedWithOverrides[] = DEFAULT_DEPARTMENTS;
  if (env.topologyFile) {
    const parsed = JSON.parse(readFileSync(env.topologyFile, 'utf8')) as { departments?: SeedWithOverrides[] };
    if (!Array.isArray(parsed.departments) || parsed.departments.length === 0) {
      throw new Error(`topology: ${env.topologyFile} must contain a non-empty "departments" array`);
    }
    seeds = parsed.departments;
  }
  const development = env.appMode === 'development';
  const override = env.profileOverride ? (JSON.parse(env.profileOverride) as Partial<BehaviourProfile>) : {};
  const seen = new Set<string>();
  const lacking: string[] = [];
  const departments = seeds.map((s): DepartmentConfig => {
    if (!CODE.test(s.code ?? '')) throw new Error(`topology: bad department code ${JSON.stringify(s.code)}`);
    if (seen.has(s.code)) throw new Error(`topology: duplicate department code ${s.code}`);
    seen.add(s.code);
    const transport: Transport = s.transport === 'http' ? 'http' : 'soap';
    if (s.transport !== 'http' && s.transport !== 'soap') throw new Error(`topology: department ${s.code}: transport must be soap or http`);
    const lower = s.code.toLowerCase();
    const credential = (field: 'platformCredential' | 'deptCredential', username: string, purpose: string): Credential => {
      if (s[field] !== undefined) return checkCredential(s.code, field, s[field]);
      if (!development) lacking.push(`${s.code} (${field})`);
      return { username, password: derivePassword(env.sharedSecret, purpose) };
    };
    return {
      code: s.code,
      name: s.name,
      transport,
      endpoint: s.endpoint === undefined ? `${env.deptSimUrl.replace(/\/$/, '')}/dept/${s.code}` : checkEndpoint(s.code, s.endpoint),
      frontDb: frontDbOf(s.code, s, env),
      platformCredential: credential('platformCredential', `platform-to-${lower}`, `platform->${s.code}`),
      deptCredential: credential('deptCredential', `dept-${lower}`, `${s.code}->platform`),
      profile: checkProfile(s.code, { ...DEFAULT_PROFILE, ...s.profile, ...override }),
    };
  });
  if (lacking.length > 0) {
    const codes = [...new Set(lacking.map((l) => l.split(' ')[0]))];
    throw new Error(
      `topology: no exchange credentials for department${codes.length > 1 ? 's' : ''} ${codes.join(', ')}: ${lacking.join(', ')} missing. ` +
        `Give each department "platformCredential" and "deptCredential" ({ "username", "password" }) in the topology file (EXCHANGE_TOPOLOGY_FILE)${env.topologyFile ? ` ${env.topologyFile}` : ''}; ` +
        'only APP_MODE=development derives them from EXCHANGE_SHARED_SECRET',
    );
  }
  const byDeptUser = new Map<string, string>();
  for (const d of departments) {
    const other = byDeptUser.get(d.deptCredential.username);
    if (other)
      throw new Error(
        `topology: departments ${other} and ${d.code} share the deptCredential.username ${d.deptCredential.username}: the platform tells departments apart by it`,
      );
    byDeptUser.set(d.deptCredential.username, d.code);
  }
  return { departments };
}
