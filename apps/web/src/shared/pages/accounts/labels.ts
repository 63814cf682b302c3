/* Chinese labels of the account and audit pages (the roles and events of libs/accounts). */

export const ROLE_LABELS: Record<string, string> = {
  OPERATOR: '窗口人员',
  APPROVER: '审批账号',
  OPS_ENGINEER: '运维人员',
  OPS_ADMIN: '运维管理员',
  CITY_MONITOR: '市运维监管员',
  SYS_ADMIN: '系统管理员',
  SEC_ADMIN: '安全管理员',
  AUDIT_ADMIN: '审计管理员',
};

export const roleLabel = (role: string | null | undefined): string => (role ? (ROLE_LABELS[role] ?? role) : '—');

/** Officer roles only the installation creates (SEED_ACCOUNTS): the API refuses to grant them (6008). */
export const INSTALL_ONLY_ROLES = ['SEC_ADMIN', 'AUDIT_ADMIN'];

/** Roles that work at a window and so need a window number. */
export const WINDOW_ROLES = ['OPERATOR', 'APPROVER'];

/** Who may use which page (三员分立: the server enforces it, the menu follows). */
export const SECURITY_ADMIN_ROLES = ['SEC_ADMIN'];
export const AUDIT_ADMIN_ROLES = ['AUDIT_ADMIN'];

export const AUDIT_EVENTS: Record<string, string> = {
  LOGIN: '登录',
  LOGIN_FAILED: '登录失败',
  LOGIN_LOCKED: '锁定期间登录',
  LOCKOUT: '登录锁定',
  LOGOUT: '注销',
  SESSION_ENDED: '会话终止',
  PASSWORD_CHANGED: '修改密码',
  PASSWORD_CHANGE_FAILED: '修改密码失败',
  ACCOUNT_CREATED: '创建账号',
  ACCOUNT_UPDATED: '修改账号',
  ACCOUNT_DISABLED: '停用账号',
  ACCOUNT_ENABLED: '启用账号',
  ACCOUNT_UNLOCKED: '解除锁定',
  PASSWORD_RESET: '重置密码',
  ACCOUNT_SEEDED: '安装初始化账号',
  ACCESS_DENIED: '越权访问',
  CALL: '业务操作',
};

export const eventLabel = (event: string): string => AUDIT_EVENTS[event] ?? event;

/**
 * What a business call (event CALL, target `METHOD /route/:param`) did, in words. Routes of other
 * apps that are not listed show as they are.
 */
const CALL_LABELS: Array<[RegExp, string]> = [
  [/^PUT \/.*\/ops\/dispatch-holds\/:deptCode$/, '暂停分发'],
  [/^DELETE \/.*\/ops\/dispatch-holds\/:deptCode$/, '恢复分发'],
  [/^POST \/.*\/applications$/, '受理登记'],
  [/^PUT \/.*\/applications\/:applyNo\/materials\/:materialCode$/, '上传材料'],
  [/^POST \/.*\/applications\/:applyNo\/submit$/, '提交申报'],
  [/^POST \/.*\/applications\/:applyNo\/versions$/, '补正补齐'],
];

export function callLabel(target: string | null): string | null {
  if (!target) return null;
  return CALL_LABELS.find(([re]) => re.test(target))?.[1] ?? null;
}
