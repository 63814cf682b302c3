import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_DEPARTMENTS, DEFAULT_PROFILE, DepartmentSeed } from './default-topology';
import { BehaviourProfile, DepartmentConfig, Topology, Transport } from './topology.types';

export interface TopologyEnv {
  /** optional JSON file: { departments: [{ code, name, transport, profile?, endpoint?, frontDb? }] } */
  topologyFile?: string;
  dbHost: string;
  dbPort: number;
  dbUser: string;
  dbPassword: string;
  dbNamePrefix: string;
  /** base URL of the department simulator; each department lives under /dept/<code> */
  deptSimUrl: string;
  sharedSecret: string;
  /** JSON object of profile overrides applied to every department (tests, demo) */
  profileOverride?: string;
}

const CODE = /^[A-Z][A-Z0-9_]{1,15}$/;

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

type SeedWithOverrides = DepartmentSeed & { endpoint?: string; frontDb?: Partial<DepartmentConfig['frontDb']> };

/** Builds the exchange topology shared by the platform and the department simulator; throws on bad input. */
export function loadTopology(env: TopologyEnv): Topology {
  let seeds: SeedWithOverrides[] = DEFAULT_DEPARTMENTS;
  if (env.topologyFile) {
    const parsed = JSON.parse(readFileSync(env.topologyFile, 'utf8')) as { departments?: SeedWithOverrides[] };
    if (!Array.isArray(parsed.departments) || parsed.departments.length === 0) {
      throw new Error(`topology: ${env.topologyFile} must contain a non-empty "departments" array`);
    }
    seeds = parsed.departments;
  }
  const override = env.profileOverride ? (JSON.parse(env.profileOverride) as Partial<BehaviourProfile>) : {};
  const seen = new Set<string>();
  const departments = seeds.map((s): DepartmentConfig => {
    if (!CODE.test(s.code ?? '')) throw new Error(`topology: bad department code ${JSON.stringify(s.code)}`);
    if (seen.has(s.code)) throw new Error(`topology: duplicate department code ${s.code}`);
    seen.add(s.code);
    const transport: Transport = s.transport === 'http' ? 'http' : 'soap';
    if (s.transport !== 'http' && s.transport !== 'soap') throw new Error(`topology: department ${s.code}: transport must be soap or http`);
    const lower = s.code.toLowerCase();
    return {
      code: s.code,
      name: s.name,
      transport,
      endpoint: s.endpoint ?? `${env.deptSimUrl.replace(/\/$/, '')}/dept/${s.code}`,
      frontDb: {
        host: s.frontDb?.host ?? env.dbHost,
        port: s.frontDb?.port ?? env.dbPort,
        user: s.frontDb?.user ?? env.dbUser,
        password: s.frontDb?.password ?? env.dbPassword,
        database: s.frontDb?.database ?? `${env.dbNamePrefix}fe_${lower}`,
      },
      platformCredential: { username: `platform-to-${lower}`, password: derivePassword(env.sharedSecret, `platform->${s.code}`) },
      deptCredential: { username: `dept-${lower}`, password: derivePassword(env.sharedSecret, `${s.code}->platform`) },
      profile: checkProfile(s.code, { ...DEFAULT_PROFILE, ...s.profile, ...override }),
    };
  });
  return { departments };
}
