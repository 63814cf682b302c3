export type Transport = 'soap' | 'http';

export interface Credential {
  username: string;
  password: string;
}

/** How a simulated department behaves; ignored by the platform. */
export interface BehaviourProfile {
  /** ms between taking an acceptance and writing 受理 or 补正补齐 */
  acceptDelayMs: number;
  /** ms between 受理 and 办结 */
  concludeDelayMs: number;
  /** share of version-1 applications that need 补正补齐 */
  supplementRate: number;
  /** share of applications rejected (不予) at 办结 */
  rejectRate: number;
  /** share of the department's callback notifications that are never sent */
  callbackLossRate: number;
  /** share of incoming acceptance notifications answered OK but silently dropped */
  inboundDropRate: number;
}

export interface FrontDbConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface DepartmentConfig {
  code: string;
  name: string;
  transport: Transport;
  /** Base URL of the department's system (SOAP at /ws/acceptance, HTTP at /api/acceptance-notifications). */
  endpoint: string;
  frontDb: FrontDbConfig;
  /** The platform authenticates to the department with this. */
  platformCredential: Credential;
  /** The department authenticates to the platform with this. */
  deptCredential: Credential;
  profile: BehaviourProfile;
}

export interface Topology {
  departments: DepartmentConfig[];
}
