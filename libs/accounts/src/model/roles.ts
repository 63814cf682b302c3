/**
 * The roles of every human-facing app. An account has exactly one role, stored on the account
 * (never derived from its name), so the MLPS "three officers" can never be combined with each other
 * or with business work.
 */
export enum Role {
  /** 窗口人员: registers and submits applications at the window */
  OPERATOR = 'OPERATOR',
  /** 审批账号: the approval account of the window hall (holds, reviews) */
  APPROVER = 'APPROVER',
  /** 运维人员: works alerts and work orders at the district ops node */
  OPS_ENGINEER = 'OPS_ENGINEER',
  /** 运维管理员: configures the ops node (inventory, rules, on-call, reporting) */
  OPS_ADMIN = 'OPS_ADMIN',
  /** 市运维监管员: supervises the districts at the city */
  CITY_MONITOR = 'CITY_MONITOR',
  /** 系统管理员: runs the system (health, simulator controls); no business work, no accounts */
  SYS_ADMIN = 'SYS_ADMIN',
  /** 安全管理员: accounts, roles, unlocks, policy; no business work */
  SEC_ADMIN = 'SEC_ADMIN',
  /** 审计管理员: reads the audit log; nothing else */
  AUDIT_ADMIN = 'AUDIT_ADMIN',
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.OPERATOR]: '窗口人员',
  [Role.APPROVER]: '审批账号',
  [Role.OPS_ENGINEER]: '运维人员',
  [Role.OPS_ADMIN]: '运维管理员',
  [Role.CITY_MONITOR]: '市运维监管员',
  [Role.SYS_ADMIN]: '系统管理员',
  [Role.SEC_ADMIN]: '安全管理员',
  [Role.AUDIT_ADMIN]: '审计管理员',
};

export const OFFICER_ROLES: readonly Role[] = [Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN];

/** Officer accounts that only the installation (SEED_ACCOUNTS) may create: nobody grants these through the API. */
export const INSTALL_ONLY_ROLES: readonly Role[] = [Role.SEC_ADMIN, Role.AUDIT_ADMIN];

/** Which roles exist in which app. */
export const APP_ROLES = {
  'one-window': [Role.OPERATOR, Role.APPROVER, ...OFFICER_ROLES],
  'ops-node': [Role.OPS_ENGINEER, Role.OPS_ADMIN, ...OFFICER_ROLES],
  'city-supervisor': [Role.CITY_MONITOR, ...OFFICER_ROLES],
} as const satisfies Record<string, readonly Role[]>;

export type AccountsApp = keyof typeof APP_ROLES;

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (Object.values(Role) as string[]).includes(v);
}
