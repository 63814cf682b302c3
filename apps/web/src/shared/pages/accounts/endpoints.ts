/*
 * What the shared account pages need from a console's API. Every app (one-window, the ops node,
 * the city) mounts the same account routes of libs/accounts under its own prefix; each console
 * binds these endpoints to its generated client (src/<console>/accounts-api.ts), so the answers are
 * type-checked against that app's OpenAPI document at build time.
 */

export type AccountStatus = 'ACTIVE' | 'DISABLED';

/** AccountViewDto of libs/accounts (times ISO 8601, Beijing time). */
export interface AccountView {
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  windowNo: string | null;
  status: AccountStatus;
  statusReason: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  passwordExpired: boolean;
  locked: boolean;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string;
}

export interface AccountPage {
  total: number;
  items: AccountView[];
}

/** An account with its one-time initial password (shown once, never again). */
export interface AccountWithPassword {
  account: AccountView;
  initialPassword: string;
}

export interface RoleOption {
  role: string;
  label: string;
}

export interface AccountQuery {
  role?: string;
  status?: AccountStatus;
  page: number;
  pageSize: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: string;
  windowNo?: string;
}

export interface AccountPatch {
  displayName?: string;
  role?: string;
  windowNo?: string;
}

/** The security administrator's routes (…/security/*). */
export interface AccountsEndpoints {
  /** the roles of this app (from …/security/policy) */
  roles(): Promise<RoleOption[]>;
  list(q: AccountQuery): Promise<AccountPage>;
  create(d: NewAccount): Promise<AccountWithPassword>;
  update(username: string, patch: AccountPatch): Promise<AccountView>;
  disable(username: string, reason: string): Promise<AccountView>;
  enable(username: string): Promise<AccountView>;
  unlock(username: string): Promise<AccountView>;
  resetPassword(username: string): Promise<AccountWithPassword>;
}

/** AuditRecordDto of libs/accounts. */
export interface AuditRecord {
  id: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  event: string;
  target: string | null;
  outcome: string;
  code: string | null;
  detail?: Record<string, unknown> | null;
  clientIp: string | null;
  cid: string | null;
}

export interface AuditQuery {
  /** ISO 8601 instants */
  from?: string;
  to?: string;
  actor?: string;
  event?: string;
  outcome?: 'SUCCESS' | 'FAILURE';
  page: number;
  pageSize: number;
}

/** The audit officer's route (…/audit/logs). */
export interface AuditEndpoints {
  logs(q: AuditQuery): Promise<{ total: number; items: AuditRecord[] }>;
}
