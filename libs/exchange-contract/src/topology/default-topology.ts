import { BehaviourProfile, Transport } from './topology.types';

export interface DepartmentSeed {
  code: string;
  name: string;
  transport: Transport;
  profile?: Partial<BehaviourProfile>;
}

/**
 * The departments of the demo district (used without EXCHANGE_TOPOLOGY_FILE). No credentials:
 * those come from the topology file, or — with APP_MODE=development only — are derived per
 * department from EXCHANGE_SHARED_SECRET (see topology.loader.ts); no password lives in code.
 */
export const DEFAULT_DEPARTMENTS: DepartmentSeed[] = [
  { code: 'AMR', name: '区市场监督管理局', transport: 'soap' },
  { code: 'HOUSING', name: '区住房和城乡建设局（不动产登记中心）', transport: 'soap' },
  { code: 'HPF', name: '市住房公积金管理中心区管理部', transport: 'http' },
  { code: 'PSB', name: '区公安分局', transport: 'soap' },
  { code: 'DRC', name: '区发展和改革委员会', transport: 'http' },
];

export const DEFAULT_PROFILE: BehaviourProfile = {
  acceptDelayMs: 200,
  concludeDelayMs: 400,
  supplementRate: 0.15,
  rejectRate: 0.05,
  callbackLossRate: 0.05,
  inboundDropRate: 0.05,
};
