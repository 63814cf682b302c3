import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { ACCOUNTS, API_PREFIX, APP_ACCOUNTS, login, TestAccount } from './support/accounts';
import { testDb } from './support/env';
import { untypedBaseline, untypedOperations } from './support/openapi-responses';
import { ExchangeEnv } from './support/exchange-env';
import { DEFAULT_ID_NO } from './support/identity-numbers';
import { OpsEnv } from './support/ops-env';

/**
 * Access control tried from outside, as an attacker would: every management route of the platform,
 * the ops node and the city without a session, with a forged token and with a role it does not
 * allow; then the account lifecycle, lockout, sessions and the audit log. The routes come from each
 * app's own OpenAPI document (x-roles / x-public per operation), so a new route is covered at once.
 */
type App = keyof typeof API_PREFIX;
interface Operation {
  method: string;
  path: string;
  roles?: string[];
  isPublic: boolean;
  simulatorOnly: boolean;
}

const EXPECTED_PUBLIC: Record<App, string[]> = {
  'one-window': ['GET /health/live', 'POST /api/exchange/v1/callback-notifications', 'POST /api/v1/auth/login'],
  'ops-node': ['GET /health/live', 'POST /ops/api/auth/login', 'POST /ops/api/city/secure-messages', 'POST /ops/api/notifications/voice-callback'],
  'city-supervisor': ['GET /health/live', 'POST /city/api/auth/login', 'POST /city/api/ops/secure-messages'],
};

/**
 * Every route of the platform and the roles it admits, written down: a route added (or a role set
 * changed) without updating this table fails, so each new route gets a conscious review of who may
 * call it. The generic walks below then check the table against the running app.
 */
const ONE_WINDOW_ROUTES: Record<string, 'public' | string[]> = {
  'GET /health/live': 'public',
  'GET /health': ['APPROVER', 'SYS_ADMIN'],
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': ['*'],
  'GET /api/v1/auth/me': ['*'],
  'PUT /api/v1/auth/password': ['*'],
  'GET /api/v1/security/policy': ['SEC_ADMIN'],
  'GET /api/v1/security/accounts': ['SEC_ADMIN'],
  'POST /api/v1/security/accounts': ['SEC_ADMIN'],
  'GET /api/v1/security/accounts/{username}': ['SEC_ADMIN'],
  'PATCH /api/v1/security/accounts/{username}': ['SEC_ADMIN'],
  'POST /api/v1/security/accounts/{username}/disable': ['SEC_ADMIN'],
  'POST /api/v1/security/accounts/{username}/enable': ['SEC_ADMIN'],
  'POST /api/v1/security/accounts/{username}/unlock': ['SEC_ADMIN'],
  'POST /api/v1/security/accounts/{username}/reset-password': ['SEC_ADMIN'],
  'GET /api/v1/audit/logs': ['AUDIT_ADMIN'],
  'GET /api/v1/item-categories': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/items': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/items/{code}': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applications': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/applications': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applications/search': ['APPROVER', 'OPERATOR'],
  'PUT /api/v1/applications/{applyNo}/materials/{materialCode}': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applications/{applyNo}/submit': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applications/{applyNo}/versions': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/applications/{applyNo}': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applicants/lookup': ['APPROVER', 'OPERATOR'],
  'POST /api/exchange/v1/callback-notifications': 'public',
  'GET /api/v1/ops/dispatch-holds': ['APPROVER', 'OPERATOR', 'SYS_ADMIN'],
  'PUT /api/v1/ops/dispatch-holds/{deptCode}': ['APPROVER'],
  'DELETE /api/v1/ops/dispatch-holds/{deptCode}': ['APPROVER'],
  'GET /api/v1/applications/{applyNo}/versions/{version}/materials/{materialCode}/file': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/applications/{applyNo}/result-files/{version}/{stage}/file': ['APPROVER', 'OPERATOR'],
  'PUT /api/v1/applications/{applyNo}/materials/{materialCode}/check': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/applications/{applyNo}/material-checks': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/departments': ['APPROVER', 'OPERATOR', 'SYS_ADMIN'],
  'POST /api/v1/applications/{applyNo}/handover': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applications/{applyNo}/express': ['APPROVER', 'OPERATOR'],
  'POST /api/v1/applications/{applyNo}/express/delivered': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/supervision/summary': ['APPROVER', 'OPERATOR'],
  'GET /api/v1/supervision/cards': ['APPROVER', 'OPERATOR'],
};

/**
 * The data scope of the routes that act on one application: a clerk of another window gets 6009
 * (and no change) on every route below — writes, and the applicant's documents. Each route of the
 * platform with an {applyNo} is either here with a valid request, or in SCOPE_READABLE (it answers
 * another window, masked where personal): a new one fails until it is put in one of the two.
 */
const SCOPE_GUARDED: Record<string, { path: (applyNo: string) => string; body?: () => unknown }> = {
  'PUT /api/v1/applications/{applyNo}/materials/{materialCode}': { path: (a) => `/api/v1/applications/${a}/materials/APPLY_FORM`, body: () => pdfForm() },
  'POST /api/v1/applications/{applyNo}/submit': { path: (a) => `/api/v1/applications/${a}/submit` },
  'POST /api/v1/applications/{applyNo}/versions': { path: (a) => `/api/v1/applications/${a}/versions`, body: () => ({}) },
  'GET /api/v1/applications/{applyNo}/versions/{version}/materials/{materialCode}/file': {
    path: (a) => `/api/v1/applications/${a}/versions/1/materials/APPLY_FORM/file`,
  },
  'GET /api/v1/applications/{applyNo}/result-files/{version}/{stage}/file': {
    path: (a) => `/api/v1/applications/${a}/result-files/1/CONCLUDE/file?name=result.pdf`,
  },
  'PUT /api/v1/applications/{applyNo}/materials/{materialCode}/check': {
    path: (a) => `/api/v1/applications/${a}/materials/APPLY_FORM/check`,
    body: () => ({ originalSeen: true, paperCopies: 1 }),
  },
  'POST /api/v1/applications/{applyNo}/handover': {
    path: (a) => `/api/v1/applications/${a}/handover`,
    body: () => ({ collectorName: '赵六', collectorIdNo: '41040419851231002X', relation: '代理人', idChecked: true }),
  },
  'POST /api/v1/applications/{applyNo}/express': {
    path: (a) => `/api/v1/applications/${a}/express`,
    body: () => ({ carrier: 'EMS', waybillNo: 'EA123456785CN' }),
  },
  'POST /api/v1/applications/{applyNo}/express/delivered': {
    path: (a) => `/api/v1/applications/${a}/express/delivered`,
    body: () => ({ deliveredAt: new Date().toISOString() }),
  },
};
/** routes with an {applyNo} that another window may read: the detail (masked) and the 收件 ticks (no personal data) */
const SCOPE_READABLE = ['GET /api/v1/applications/{applyNo}', 'GET /api/v1/applications/{applyNo}/material-checks'];

function pdfForm(): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' }), 'x.pdf');
  return fd;
}

async function operations(baseUrl: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
    paths: Record<string, Record<string, { 'x-roles'?: string[]; 'x-public'?: boolean; 'x-simulator-only'?: boolean }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      roles: op['x-roles'],
      isPublic: op['x-public'] === true,
      simulatorOnly: op['x-simulator-only'] === true,
    })),
  );
}

/** A concrete URL for an OpenAPI path: every {param} filled with a harmless value. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'X1');

async function call(baseUrl: string, op: Operation, headers: Record<string, string> = {}): Promise<{ status: number; code?: string }> {
  const init: RequestInit = { method: op.method, headers: { ...headers } };
  if (op.method !== 'GET' && op.method !== 'DELETE') {
    init.body = '{}';
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const ctl = new AbortController();
  const res = await fetch(`${baseUrl}${concrete(op.path)}`, { ...init, signal: ctl.signal });
  if (res.ok && res.headers.get('content-type')?.includes('text/event-stream')) {
    ctl.abort(); // a server push (the live alert window) never ends: its status is the answer
    return { status: res.status };
  }
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

let exchange: ExchangeEnv;
let ops: OpsEnv;
const base: Record<App, string> = { 'one-window': '', 'ops-node': '', 'city-supervisor': '' };
const tokens = new Map<string, string>();

async function tokenOf(app: App, account: TestAccount): Promise<string> {
  const key = `${app}|${account.username}`;
  if (!tokens.has(key)) tokens.set(key, await login(base[app], API_PREFIX[app], account));
  return tokens.get(key)!;
}

async function api<T = unknown>(
  app: App,
  account: TestAccount | string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T & { code?: string; message?: string } }> {
  const token = account === null ? null : typeof account === 'string' ? account : await tokenOf(app, account);
  const res = await fetch(`${base[app]}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T & { code?: string; message?: string } };
}

beforeAll(async () => {
  exchange = await ExchangeEnv.create();
  await exchange.startPlatform({ API_DOCS: 'on', LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '600' });
  ops = await OpsEnv.create();
  await ops.startCity({ API_DOCS: 'on' });
  await ops.startOps({ API_DOCS: 'on' });
  base['one-window'] = exchange.platformUrl;
  base['ops-node'] = ops.opsUrl;
  base['city-supervisor'] = ops.cityUrl;
}, 240_000);

afterAll(async () => {
  await exchange?.close();
  await ops?.close();
});

describe.each(['one-window', 'ops-node', 'city-supervisor'] as App[])('%s: every management route', (app) => {
  let ops_: Operation[];
  beforeAll(async () => {
    ops_ = await operations(base[app]);
  });

  it('declares a role set or @Public on every operation, and only the machine interfaces, login and liveness are public', () => {
    expect(ops_.length).toBeGreaterThan(5);
    expect(ops_.filter((o) => !o.isPublic && !o.roles)).toEqual([]);
    expect(
      ops_
        .filter((o) => o.isPublic)
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual(EXPECTED_PUBLIC[app].sort());
  });

  it('declares the success response of every operation (the consoles generate their clients from it)', async () => {
    const untyped = untypedOperations((await (await fetch(`${base[app]}/api/docs-json`)).json()) as Parameters<typeof untypedOperations>[0]);
    const baseline = untypedBaseline(app, untyped);
    // a new handler without a response DTO fails here; a typed one must leave the baseline
    expect(untyped.filter((o) => !baseline.includes(o))).toEqual([]);
    expect(baseline.filter((o) => !untyped.includes(o))).toEqual([]);
  });

  it('serves the OpenAPI document committed in docs/openapi (the one the consoles are built against)', async () => {
    const live: unknown = await (await fetch(`${base[app]}/api/docs-json`)).json();
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'openapi', `${app}.json`), 'utf8'));
    expect(live).toEqual(committed);
  });

  it('answers 401 without a session and with a forged token, and the next valid call is still answered', async () => {
    const failures: string[] = [];
    for (const op of ops_.filter((o) => !o.isPublic)) {
      const none = await call(base[app], op);
      if (none.status !== 401 || none.code !== '6001') failures.push(`${op.method} ${op.path} without session → ${none.status} ${none.code}`);
      const forged = await call(base[app], op, { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
      if (forged.status !== 401 || forged.code !== '6002') failures.push(`${op.method} ${op.path} forged → ${forged.status} ${forged.code}`);
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${base[app]}/health/live`)).status).toBe(200);
  });

  it('answers 403 to every account whose role the route does not allow, before doing anything', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of ops_.filter((o) => !o.isPublic && o.roles && !o.roles.includes('*'))) {
      for (const account of APP_ACCOUNTS[app].filter((a) => !op.roles!.includes(a.role))) {
        const r = await call(base[app], op, { authorization: `Bearer ${await tokenOf(app, account)}` });
        checked++;
        if (r.status !== 403 || r.code !== '6005') failures.push(`${op.method} ${op.path} as ${account.role} → ${r.status} ${r.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('lets an allowed role read (no 401/403 on any GET)', async () => {
    const failures: string[] = [];
    for (const op of ops_.filter((o) => o.method === 'GET' && o.roles && !o.isPublic)) {
      const role = op.roles!.includes('*') ? APP_ACCOUNTS[app][0].role : op.roles![0];
      const account = APP_ACCOUNTS[app].find((a) => a.role === role)!;
      const r = await call(base[app], op, { authorization: `Bearer ${await tokenOf(app, account)}` });
      if (r.status === 401 || r.status === 403) failures.push(`${op.method} ${op.path} as ${role} → ${r.status} ${r.code}`);
    }
    expect(failures).toEqual([]);
  });

  it('sends security headers and keeps /health detail behind a login', async () => {
    const live = await fetch(`${base[app]}/health/live`);
    expect(live.headers.get('x-content-type-options')).toBe('nosniff');
    expect(live.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(live.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(live.headers.get('x-powered-by')).toBeNull();
    expect((await fetch(`${base[app]}/health`)).status).toBe(401);
    const admin = await tokenOf(app, ACCOUNTS.sysAdmin);
    expect([200, 503]).toContain((await fetch(`${base[app]}/health`, { headers: { authorization: `Bearer ${admin}` } })).status);
  });
});

describe('account lifecycle (one-window, security admin)', () => {
  it('a new account must change its initial password first; weak, reused and name-bearing passwords are refused', async () => {
    const created = await api<{ initialPassword: string; account: { mustChangePassword: boolean; role: string } }>(
      'one-window',
      ACCOUNTS.secAdmin,
      'POST',
      '/api/v1/security/accounts',
      { username: 'window07', displayName: '王五', role: 'OPERATOR', windowNo: '07' },
    );
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ mustChangePassword: true, role: 'OPERATOR' });
    const first = { username: 'window07', role: 'OPERATOR', password: created.body.initialPassword };
    const session = await login(base['one-window'], '/api/v1', first);
    expect((await api('one-window', session, 'GET', '/api/v1/applications')).body.code).toBe('6004');
    for (const weak of ['P@ssw0rd', 'Admin@123', 'window07#2026', 'abcdefghij', created.body.initialPassword]) {
      const r = await api('one-window', session, 'PUT', '/api/v1/auth/password', { oldPassword: created.body.initialPassword, newPassword: weak });
      expect([weak, r.status, r.body.code]).toEqual([weak, 422, '2007']);
    }
    expect((await api('one-window', session, 'PUT', '/api/v1/auth/password', { oldPassword: 'wrong-old-1', newPassword: 'Wangwu#Chuangkou7' })).status).toBe(
      401,
    );
    expect(
      (await api('one-window', session, 'PUT', '/api/v1/auth/password', { oldPassword: created.body.initialPassword, newPassword: 'Wangwu#Chuangkou7' }))
        .status,
    ).toBe(204);
    expect((await api('one-window', session, 'GET', '/api/v1/applications')).status).toBe(200);
    const me = await api<{ username: string; role: string; roleLabel: string; mustChangePassword: boolean }>('one-window', session, 'GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ username: 'window07', role: 'OPERATOR', roleLabel: '窗口人员', mustChangePassword: false });
  });

  it('closing an account ends its sessions at once, for reads and writes', async () => {
    const clerk = await login(base['one-window'], '/api/v1', ACCOUNTS.clerk2);
    expect((await api('one-window', clerk, 'GET', '/api/v1/applications')).status).toBe(200);
    const disabled = await api<{ status: string }>('one-window', ACCOUNTS.secAdmin, 'POST', `/api/v1/security/accounts/${ACCOUNTS.clerk2.username}/disable`, {
      reason: '人员离岗',
    });
    expect(disabled.body.status).toBe('DISABLED');
    const read = await api('one-window', clerk, 'GET', '/api/v1/applications');
    expect([read.status, read.body.code]).toEqual([401, '6002']);
    const write = await api('one-window', clerk, 'POST', '/api/v1/applications', { itemCode: 'AMR-001' });
    expect([write.status, write.body.code]).toEqual([401, '6002']);
    // and a closed account cannot log in again, with the same answer as a wrong password
    const again = await api('one-window', null, 'POST', '/api/v1/auth/login', { username: ACCOUNTS.clerk2.username, password: ACCOUNTS.clerk2.password });
    expect([again.status, again.body.code]).toEqual([401, '1001']);
    await api('one-window', ACCOUNTS.secAdmin, 'POST', `/api/v1/security/accounts/${ACCOUNTS.clerk2.username}/enable`);
    expect(
      (await api('one-window', null, 'POST', '/api/v1/auth/login', { username: ACCOUNTS.clerk2.username, password: ACCOUNTS.clerk2.password })).status,
    ).toBe(200);
  });

  it('keeps the three officers apart: no officer grants officer roles, none does business, none acts on itself', async () => {
    expect(
      (await api('one-window', ACCOUNTS.secAdmin, 'POST', '/api/v1/security/accounts', { username: 'audit2', displayName: '审计', role: 'AUDIT_ADMIN' })).body
        .code,
    ).toBe('6008');
    expect((await api('one-window', ACCOUNTS.secAdmin, 'PATCH', `/api/v1/security/accounts/${ACCOUNTS.clerk.username}`, { role: 'SEC_ADMIN' })).body.code).toBe(
      '6008',
    );
    expect(
      (await api('one-window', ACCOUNTS.secAdmin, 'POST', `/api/v1/security/accounts/${ACCOUNTS.secAdmin.username}/disable`, { reason: '自我停用' })).body.code,
    ).toBe('6008');
    expect((await api('one-window', ACCOUNTS.secAdmin, 'GET', '/api/v1/applications')).body.code).toBe('6005');
    expect((await api('one-window', ACCOUNTS.auditAdmin, 'GET', '/api/v1/security/accounts')).body.code).toBe('6005');
    expect((await api('one-window', ACCOUNTS.sysAdmin, 'GET', '/api/v1/audit/logs')).body.code).toBe('6005');
    expect(
      (await api('one-window', ACCOUNTS.clerk, 'POST', '/api/v1/security/accounts', { username: 'boss01', displayName: '老板', role: 'APPROVER' })).body.code,
    ).toBe('6005');
  });

  it('locks a user name after repeated failures, known or unknown alike, until the security admin unlocks it', async () => {
    const answers = async (username: string, password: string) => {
      const r = await api('one-window', null, 'POST', '/api/v1/auth/login', { username, password });
      return { status: r.status, code: r.body.code, message: r.body.message };
    };
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await answers(ACCOUNTS.approver.username, `Wrong#Guess${i}`));
      unknown.push(await answers('nobody99', `Wrong#Guess${i}`));
    }
    // the same answers for a real account and a name that does not exist
    expect(known).toEqual(unknown);
    expect(known[0]).toEqual({ status: 401, code: '1001', message: '认证失败：用户名或密码错误' });
    const locked = await answers(ACCOUNTS.approver.username, ACCOUNTS.approver.password);
    expect([locked.status, locked.code]).toEqual([423, '6003']);
    expect(locked.message).toContain('北京时间');
    const lockedUnknown = await answers('nobody99', 'Whatever#2026');
    expect([lockedUnknown.status, lockedUnknown.code]).toEqual([423, '6003']);
    const view = await api<{ locked: boolean }>('one-window', ACCOUNTS.secAdmin, 'GET', `/api/v1/security/accounts/${ACCOUNTS.approver.username}`);
    expect(view.body.locked).toBe(true);
    await api('one-window', ACCOUNTS.secAdmin, 'POST', `/api/v1/security/accounts/${ACCOUNTS.approver.username}/unlock`);
    expect((await answers(ACCOUNTS.approver.username, ACCOUNTS.approver.password)).status).toBe(200);
  });

  it('logout and a password reset end sessions', async () => {
    const s1 = await login(base['one-window'], '/api/v1', ACCOUNTS.clerk);
    expect((await api('one-window', s1, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await api('one-window', s1, 'GET', '/api/v1/items')).body.code).toBe('6002');
    const created = await api<{ initialPassword: string }>('one-window', ACCOUNTS.secAdmin, 'POST', '/api/v1/security/accounts', {
      username: 'window08',
      displayName: '赵六',
      role: 'OPERATOR',
      windowNo: '08',
    });
    const s2 = await login(base['one-window'], '/api/v1', { username: 'window08', role: 'OPERATOR', password: created.body.initialPassword });
    await api('one-window', s2, 'PUT', '/api/v1/auth/password', { oldPassword: created.body.initialPassword, newPassword: 'Zhaoliu#Chuangkou8' });
    const reset = await api<{ initialPassword: string }>('one-window', ACCOUNTS.secAdmin, 'POST', '/api/v1/security/accounts/window08/reset-password');
    expect(reset.body.initialPassword).toMatch(/^.{16}$/);
    expect((await api('one-window', s2, 'GET', '/api/v1/items')).body.code).toBe('6002');
    const s3 = await login(base['one-window'], '/api/v1', { username: 'window08', role: 'OPERATOR', password: reset.body.initialPassword });
    expect((await api('one-window', s3, 'GET', '/api/v1/items')).body.code).toBe('6004');
  });

  it('forces a change once the password has outlived the rotation period', async () => {
    await exchange.platformQuery("UPDATE sec_account SET password_changed_at = NOW(3) - INTERVAL 91 DAY WHERE username = 'window07'");
    const res = await api<{ mustChangePassword: boolean }>('one-window', null, 'POST', '/api/v1/auth/login', {
      username: 'window07',
      password: 'Wangwu#Chuangkou7',
    });
    expect(res.body.mustChangePassword).toBe(true);
    const token = (res.body as unknown as { token: string }).token;
    expect((await api('one-window', token, 'GET', '/api/v1/items')).body.code).toBe('6004');
    expect(
      (await api('one-window', token, 'PUT', '/api/v1/auth/password', { oldPassword: 'Wangwu#Chuangkou7', newPassword: 'Wangwu#Chuangkou7' })).body.code,
    ).toBe('2007');
    expect(
      (await api('one-window', token, 'PUT', '/api/v1/auth/password', { oldPassword: 'Wangwu#Chuangkou7', newPassword: 'Wangwu#Xinmima2027' })).status,
    ).toBe(204);
    expect((await api('one-window', token, 'GET', '/api/v1/items')).status).toBe(200);
  });

  it('records who did what in an audit log that the audit admin reads and nobody can change', async () => {
    const log = await api<{
      items: { event: string; actor: string | null; actorRole: string | null; target: string | null; outcome: string; code: string | null; at: string }[];
    }>('one-window', ACCOUNTS.auditAdmin, 'GET', '/api/v1/audit/logs?pageSize=500');
    const events = log.body.items;
    expect(events.find((e) => e.event === 'ACCOUNT_DISABLED')).toMatchObject({
      actor: ACCOUNTS.secAdmin.username,
      actorRole: 'SEC_ADMIN',
      target: ACCOUNTS.clerk2.username,
    });
    expect(events.find((e) => e.event === 'LOGIN_FAILED' && e.target === 'nobody99')).toMatchObject({ outcome: 'FAILURE', code: '1001' });
    expect(events.some((e) => e.event === 'LOCKOUT' && e.target === ACCOUNTS.approver.username)).toBe(true);
    expect(events.some((e) => e.event === 'ACCESS_DENIED' && e.actor === ACCOUNTS.clerk.username && e.code === '6005')).toBe(true);
    expect(events.some((e) => e.event === 'PASSWORD_CHANGED' && e.actor === 'window07')).toBe(true);
    expect(events.some((e) => e.event === 'LOGOUT' && e.actor === ACCOUNTS.clerk.username)).toBe(true);
    expect(events[0].at).toMatch(/\+08:00$/);
    // a business change: the actor is the session's account
    const clerk = await exchange.clerk();
    const applyNo = await clerk.register('AMR-001');
    const after = await api<{
      items: { event: string; actor: string; target: string; detail: { request: Record<string, unknown>; result: Record<string, unknown> } }[];
    }>('one-window', ACCOUNTS.auditAdmin, 'GET', `/api/v1/audit/logs?event=CALL&actor=${ACCOUNTS.clerk.username}`);
    expect(after.body.items[0]).toMatchObject({ target: 'POST /api/v1/applications', detail: { result: { applyNo } } });
    // append-only even for the app's own DB account
    const conn = await createConnection({ ...testDb(), database: `${exchange.prefix}ow_platform` });
    try {
      await expect(conn.query("UPDATE sec_audit_log SET actor = 'nobody'")).rejects.toThrow(/append-only/);
      await expect(conn.query('DELETE FROM sec_audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await conn.end();
    }
  });
});

describe('personal data and the clerk data scope (one-window)', () => {
  it('keeps ID and phone numbers SM4-encrypted in the platform DB, masked in lists and for other windows, full for the own window', async () => {
    const clerk = await exchange.clerk();
    const applyNo = await clerk.register('AMR-001', '李四');
    const [row] = await exchange.platformQuery<{ applicant_id_no: string; applicant_phone: string; applicant_id_hash: string }>(
      'SELECT applicant_id_no, applicant_phone, applicant_id_hash FROM application WHERE apply_no = ?',
      [applyNo],
    );
    expect(row.applicant_id_no).toMatch(/^sm4[$]/);
    expect(row.applicant_phone).toMatch(/^sm4[$]/);
    expect(JSON.stringify(row)).not.toContain(DEFAULT_ID_NO);
    // the own window sees the full numbers
    const own = await api<{ applicantIdNo: string; applicantPhone: string }>('one-window', ACCOUNTS.clerk, 'GET', `/api/v1/applications/${applyNo}`);
    expect(own.body).toMatchObject({ applicantIdNo: DEFAULT_ID_NO, applicantPhone: '13800000000' });
    // another window reads it masked and cannot change it
    const other = await login(base['one-window'], '/api/v1', ACCOUNTS.clerk2);
    const seen = await api<{ applicantIdNo: string; applicantPhone: string; masked: boolean }>('one-window', other, 'GET', `/api/v1/applications/${applyNo}`);
    expect(seen.body).toMatchObject({ applicantIdNo: '4104**********1233', applicantPhone: '138****0000', masked: true });
    const submit = await api('one-window', other, 'POST', `/api/v1/applications/${applyNo}/submit`);
    expect([submit.status, submit.body.code]).toEqual([403, '6009']);
    const version = await api('one-window', other, 'POST', `/api/v1/applications/${applyNo}/versions`, {});
    expect(version.body.code).toBe('6009');
    // lists are masked for everyone; a search by the full ID number still finds it
    const list = await api<{ items: { applyNo: string; applicantIdNo: string }[] }>('one-window', ACCOUNTS.clerk, 'POST', '/api/v1/applications/search', {
      applicant: DEFAULT_ID_NO,
      pageSize: 100,
    });
    // never in a URL: the list's query string has no applicant filter
    expect((await api('one-window', ACCOUNTS.clerk, 'GET', `/api/v1/applications?applicant=${DEFAULT_ID_NO}`)).status).toBe(400);
    expect(list.body.items.find((a) => a.applyNo === applyNo)?.applicantIdNo).toBe('4104**********1233');
    // the approval account works across the hall
    const approver = await api<{ applicantIdNo: string }>('one-window', ACCOUNTS.approver, 'GET', `/api/v1/applications/${applyNo}`);
    expect(approver.body.applicantIdNo).toBe(DEFAULT_ID_NO);
  });
});

describe('the data scope of every route that acts on one application (one-window)', () => {
  it('admits on every route exactly the roles of the reviewed routes × roles table', async () => {
    const live = Object.fromEntries(
      (await operations(base['one-window'])).map((o) => [`${o.method} ${o.path}`, o.isPublic ? 'public' : [...(o.roles ?? [])].sort()]),
    );
    expect(live).toEqual(ONE_WINDOW_ROUTES);
  });

  it('refuses another window with 6009 and changes nothing; lists every such route', async () => {
    const doc = await operations(base['one-window']);
    const withApplyNo = doc.filter((o) => o.path.includes('{applyNo}')).map((o) => `${o.method} ${o.path}`);
    expect(withApplyNo.filter((r) => !(r in SCOPE_GUARDED) && !SCOPE_READABLE.includes(r))).toEqual([]);
    expect(Object.keys(SCOPE_GUARDED).filter((r) => !withApplyNo.includes(r))).toEqual([]);

    const clerk = await exchange.clerk();
    const applyNo = await clerk.register('AMR-001', '周八');
    await clerk.upload(applyNo, 'APPLY_FORM', `own window's form of ${applyNo}`);
    const before = await exchange.platformQuery<{ updated_at: Date }>('SELECT updated_at FROM application WHERE apply_no = ?', [applyNo]);
    const other = await login(base['one-window'], '/api/v1', ACCOUNTS.clerk2);
    const failures: string[] = [];
    for (const [route, how] of Object.entries(SCOPE_GUARDED)) {
      const method = route.split(' ')[0];
      const body = how.body?.();
      const res = await fetch(`${base['one-window']}${how.path(applyNo)}`, {
        method,
        headers: {
          authorization: `Bearer ${other}`,
          ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
      const answer = (await res.json()) as { code?: string };
      if (res.status !== 403 || answer.code !== '6009') failures.push(`${route} as another window → ${res.status} ${answer.code}`);
    }
    expect(failures).toEqual([]);
    // nothing changed: the same row, the own window's upload still the only one, no 收件 tick, no delivery
    expect(await exchange.platformQuery('SELECT updated_at FROM application WHERE apply_no = ?', [applyNo])).toEqual(before);
    const [counts] = await exchange.platformQuery<{ m: number; c: number; d: number }>(
      'SELECT (SELECT COUNT(*) FROM application_material WHERE apply_no = ?) AS m, (SELECT COUNT(*) FROM material_check WHERE apply_no = ?) AS c, (SELECT COUNT(*) FROM application_delivery WHERE apply_no = ?) AS d',
      [applyNo, applyNo, applyNo],
    );
    expect([Number(counts.m), Number(counts.c), Number(counts.d)]).toEqual([1, 0, 0]);
    // the own window passes the scope on the same routes (whatever the state then says)
    const own = await api('one-window', ACCOUNTS.clerk, 'PUT', `/api/v1/applications/${applyNo}/materials/APPLY_FORM/check`, {
      originalSeen: true,
      paperCopies: 1,
    });
    expect(own.status).toBe(200);
    // and the refusals are in the audit log under the session's account
    const log = await api<{ items: { actor: string; target: string; code: string; outcome: string }[] }>(
      'one-window',
      ACCOUNTS.auditAdmin,
      'GET',
      `/api/v1/audit/logs?event=CALL&actor=${ACCOUNTS.clerk2.username}&outcome=FAILURE&pageSize=100`,
    );
    expect(log.body.items.filter((e) => e.code === '6009').map((e) => e.target)).toEqual(
      expect.arrayContaining(['POST /api/v1/applications/:applyNo/handover', 'PUT /api/v1/applications/:applyNo/materials/:materialCode/check']),
    );
  });
});

describe('the ops node and the city', () => {
  it('take the actor of a change from the session, never from the body', async () => {
    const refused = await api('ops-node', ACCOUNTS.opsAdmin, 'POST', '/ops/api/alert-rules', {
      name: '温度',
      metric: 'temperature',
      comparator: '>=',
      threshold: 70,
      severity: 'MAJOR',
      by: '冒名者',
    });
    expect([refused.status, refused.body.code]).toEqual([400, '1003']);
    const rule = await api<{ id: number }>('ops-node', ACCOUNTS.opsAdmin, 'POST', '/ops/api/alert-rules', {
      name: '温度',
      metric: 'temperature',
      comparator: '>=',
      threshold: 70,
      severity: 'MAJOR',
    });
    expect(rule.status).toBe(201);
    const log = await api<{ actor: string; event: string }[]>('ops-node', ACCOUNTS.opsEngineer, 'GET', '/ops/api/system-log?category=RULE&limit=10');
    expect(log.body.find((e) => e.event === 'RULE_CREATED')?.actor).toBe(ACCOUNTS.opsAdmin.username);
    // an engineer works alerts but cannot change rules, silences or the roster
    expect(
      (await api('ops-node', ACCOUNTS.opsEngineer, 'POST', '/ops/api/alert-silences', { severity: 'CRITICAL', minutes: 525600, reason: '静默' })).body.code,
    ).toBe('6005');
    expect((await api('ops-node', ACCOUNTS.opsEngineer, 'PUT', '/ops/api/node-info', { unitName: '假单位' })).body.code).toBe('6005');
  });

  it('hide the simulator controls unless SIMULATOR_CONTROLS=on, and Swagger unless API_DOCS=on; sessions end after the idle time', async () => {
    await ops.city?.stop();
    await ops.startCity({ SIMULATOR_CONTROLS: 'off', SESSION_IDLE_SECONDS: '3' });
    base['city-supervisor'] = ops.cityUrl;
    expect((await fetch(`${ops.cityUrl}/api/docs`)).status).toBe(404);
    const token = await login(ops.cityUrl, '/city/api', ACCOUNTS.cityMonitor);
    const writer = await api('city-supervisor', token, 'POST', '/city/api/downlink', { unitCode: 'AMR', dataType: 'NOTICE', payload: {} });
    expect([writer.status, writer.body.code]).toEqual([404, '2001']);
    expect((await api('city-supervisor', token, 'GET', '/city/api/nodes')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 4_500));
    const idle = await api('city-supervisor', token, 'GET', '/city/api/nodes');
    expect([idle.status, idle.body.code]).toEqual([401, '6002']);
    expect(idle.body.message).toContain('超时');
  });
});
