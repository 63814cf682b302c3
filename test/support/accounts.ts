/**
 * The accounts the integration suites provision through SEED_ACCOUNTS (test fixtures only: the apps
 * have no default accounts) and a small session cache that logs in once per app and account.
 */
export interface TestAccount {
  username: string;
  role: string;
  password: string;
  windowNo?: string;
}

export const ACCOUNTS = {
  clerk: { username: 'window01', role: 'OPERATOR', password: 'Chuangkou#2026', windowNo: '01' },
  clerk2: { username: 'window02', role: 'OPERATOR', password: 'Chuangkou#2027', windowNo: '02' },
  approver: { username: 'approver01', role: 'APPROVER', password: 'Shenpi#2026', windowNo: '01' },
  opsEngineer: { username: 'yunwei01', role: 'OPS_ENGINEER', password: 'Gongcheng#2026' },
  opsAdmin: { username: 'opsadmin', role: 'OPS_ADMIN', password: 'Yunwei#Admin2026' },
  cityMonitor: { username: 'citymon', role: 'CITY_MONITOR', password: 'Jianguan#2026' },
  sysAdmin: { username: 'sysadmin', role: 'SYS_ADMIN', password: 'Xitong#Guanli2026' },
  secAdmin: { username: 'secadmin', role: 'SEC_ADMIN', password: 'Anquan#Guanli2026' },
  auditAdmin: { username: 'auditadmin', role: 'AUDIT_ADMIN', password: 'Shenji#Guanli2026' },
} satisfies Record<string, TestAccount>;

const OFFICERS = [ACCOUNTS.sysAdmin, ACCOUNTS.secAdmin, ACCOUNTS.auditAdmin];

export const APP_ACCOUNTS = {
  'one-window': [ACCOUNTS.clerk, ACCOUNTS.clerk2, ACCOUNTS.approver, ...OFFICERS],
  'ops-node': [ACCOUNTS.opsEngineer, ACCOUNTS.opsAdmin, ...OFFICERS],
  'city-supervisor': [ACCOUNTS.cityMonitor, ...OFFICERS],
};

export const API_PREFIX = { 'one-window': '/api/v1', 'ops-node': '/ops/api', 'city-supervisor': '/city/api' } as const;

/** SEED_ACCOUNTS for an app: `username:ROLE:password[:windowNo]`. */
export function seedAccounts(app: keyof typeof APP_ACCOUNTS): string {
  return APP_ACCOUNTS[app].map((a: TestAccount) => [a.username, a.role, a.password, ...(a.windowNo ? [a.windowNo] : [])].join(':')).join(',');
}

export async function login(baseUrl: string, prefix: string, account: TestAccount): Promise<string> {
  const res = await fetch(`${baseUrl}${prefix}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login of ${account.username} at ${baseUrl}${prefix} failed: ${res.status} ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

/** Logs in on first use and keeps the token per (base URL, account). */
export class Sessions {
  private readonly tokens = new Map<string, Promise<string>>();

  token(baseUrl: string, prefix: string, account: TestAccount): Promise<string> {
    const key = `${baseUrl}|${account.username}`;
    let t = this.tokens.get(key);
    if (!t) {
      t = login(baseUrl, prefix, account);
      t.catch(() => this.tokens.delete(key));
      this.tokens.set(key, t);
    }
    return t;
  }

  async headers(baseUrl: string, prefix: string, account: TestAccount): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token(baseUrl, prefix, account)}` };
  }
}
