import { ACCOUNTS, API_PREFIX, TestAccount } from './support/accounts';
import { waitFor } from './support/env';
import { NODE_CODE, OpsEnv } from './support/ops-env';

jest.setTimeout(180_000);

interface Order {
  orderId: string;
  state: string;
  status: string;
  version: number;
  slaStatus: string;
  history?: { actor: string; event: string; note: string | null }[];
}

/**
 * The work-order API over real HTTP on a real ops node and city: roles (officers get nothing of it),
 * the actor taken from the session, bad input refused with its code and nothing stored, two operators
 * at once, the SLA clocks of a real process on targets of seconds (WORK_ORDER_SLA) raising alerts that
 * the escalation takes, and the WORK_ORDER report the city accepts with the optional ITSM fields.
 */
describe('work orders over HTTP (ops node + city, MariaDB)', () => {
  let env: OpsEnv;
  const base = () => `${env.opsUrl}/ops/api/work-orders`;
  const as = async (account: TestAccount, path: string, init: RequestInit = {}) => {
    const headers = await env.sessions.headers(env.opsUrl, API_PREFIX['ops-node'], account);
    const res = await fetch(`${base()}${path}`, { ...init, headers: { 'content-type': 'application/json', ...headers } });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { code?: string; message?: string; details?: { field?: string } },
    };
  };
  const order = (opsLevel = 3) => ({
    subject: '出口链路丢包排查',
    content: '区政务外网出口链路丢包，请排查',
    businessType: '故障处理',
    receiverUnit: '石龙区大数据中心',
    originContact: '王运维',
    originPhone: '0375-1234567',
    opsLevel,
  });
  const count = async () => Number((await env.query<{ n: string }>('ops_node', 'SELECT COUNT(*) AS n FROM work_order'))[0].n);
  const historyCount = async () => Number((await env.query<{ n: string }>('ops_node', 'SELECT COUNT(*) AS n FROM work_order_history'))[0].n);

  beforeAll(async () => {
    env = await OpsEnv.create();
    await env.startCity();
    // level 1 orders: respond within 2 s, resolve within 6 s; the others keep minutes
    await env.startOps({
      WORK_ORDER_SLA: '1:2/6,2:600/3600,3:600/3600,4:600/3600',
      WORK_ORDER_SLA_TICK_MS: '200',
      ALERT_NOTIFY_TICK_MS: '200',
      ALERT_GROUP_WINDOW_SECONDS: '1',
    });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('gives the officers nothing of the work orders (403), the ops roles everything', async () => {
    const made = await as(ACCOUNTS.opsEngineer, '', { method: 'POST', body: JSON.stringify(order()) });
    expect(made.status).toBe(201);
    const id = String(made.body.orderId);
    for (const officer of [ACCOUNTS.sysAdmin, ACCOUNTS.secAdmin, ACCOUNTS.auditAdmin]) {
      expect((await as(officer, '')).status).toBe(403);
      expect((await as(officer, `/${id}`)).status).toBe(403);
      expect((await as(officer, '', { method: 'POST', body: JSON.stringify(order()) })).status).toBe(403);
      expect((await as(officer, `/${id}/actions`, { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).status).toBe(403);
      expect((await as(officer, `/${id}/split`, { method: 'POST', body: JSON.stringify({ children: [{ subject: '子工单', assignee: 'x' }] }) })).status).toBe(
        403,
      );
    }
    expect((await as(ACCOUNTS.opsAdmin, `/${id}`)).status).toBe(200);
  });

  it('takes the actor from the session, never from the body', async () => {
    const made = await as(ACCOUNTS.opsAdmin, '', { method: 'POST', body: JSON.stringify(order()) });
    const id = String(made.body.orderId);
    const forged = await as(ACCOUNTS.opsEngineer, `/${id}/actions`, { method: 'POST', body: JSON.stringify({ action: 'accept', actor: 'opsadmin' }) });
    expect([forged.status, forged.body.code, forged.body.message]).toEqual([400, '1003', expect.stringContaining('不允许的字段 actor')]);
    expect((await as(ACCOUNTS.opsEngineer, `/${id}/actions`, { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).status).toBe(200);
    const detail = (await as(ACCOUNTS.opsAdmin, `/${id}`)).body as unknown as Order;
    expect(detail.history?.map((h) => [h.actor, h.event])).toEqual([
      [ACCOUNTS.opsAdmin.username, 'CREATE'],
      [ACCOUNTS.opsEngineer.username, 'ACCEPT'],
    ]);
    expect((detail as unknown as { assignee: string }).assignee).toBe(ACCOUNTS.opsEngineer.username);
  });

  it('refuses bad input with its code and the Chinese label, and stores nothing', async () => {
    const [orders, lines] = [await count(), await historyCount()];
    const bad = await as(ACCOUNTS.opsAdmin, '', { method: 'POST', body: JSON.stringify({ ...order(), opsLevel: 5 }) });
    expect([bad.status, bad.body.code, bad.body.details?.field, bad.body.message]).toEqual([400, '1003', 'opsLevel', expect.stringContaining('运维级别')]);
    const id = String((await as(ACCOUNTS.opsAdmin, '', { method: 'POST', body: JSON.stringify(order()) })).body.orderId);
    const after = [await count(), await historyCount()];
    expect(after).toEqual([orders + 1, lines + 1]);
    for (const [body, code] of [
      [{ action: 'fly' }, '1003'],
      [{ action: 'assign' }, '1002'],
      [{ action: 'assign', assignee: 'a b' }, '1003'],
      [{ action: 'close', starRating: 9 }, '1003'],
      [{ action: 'resolve' }, '2003'],
    ] as const)
      expect([body.action, (await as(ACCOUNTS.opsAdmin, `/${id}/actions`, { method: 'POST', body: JSON.stringify(body) })).body.code]).toEqual([
        body.action,
        code,
      ]);
    expect((await as(ACCOUNTS.opsAdmin, `/${id}/split`, { method: 'POST', body: JSON.stringify({ children: [] }) })).body.code).toBe('1003');
    expect((await as(ACCOUNTS.opsAdmin, '/SLQ-WO-none/actions', { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).body.code).toBe('2001');
    expect((await as(ACCOUNTS.opsAdmin, '/from-alert/ALM-none', { method: 'POST', body: JSON.stringify({ opsLevel: 2 }) })).body.code).toBe('2001');
    expect([await count(), await historyCount()]).toEqual(after);
  });

  it('two operators on the same order at once: one 200, the other 409 with 2021', async () => {
    const o = (await as(ACCOUNTS.opsAdmin, '', { method: 'POST', body: JSON.stringify(order()) })).body as unknown as Order;
    const [a, b] = await Promise.all([
      as(ACCOUNTS.opsAdmin, `/${o.orderId}/actions`, {
        method: 'POST',
        body: JSON.stringify({ action: 'assign', assignee: '网络组', assigneeKind: 'GROUP', version: o.version }),
      }),
      as(ACCOUNTS.opsEngineer, `/${o.orderId}/actions`, { method: 'POST', body: JSON.stringify({ action: 'accept', version: o.version }) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.code).toBe('2021');
    const detail = (await as(ACCOUNTS.opsAdmin, `/${o.orderId}`)).body as unknown as Order;
    expect(detail.history?.map((h) => h.event)).toHaveLength(2);
  });

  it('runs the SLA clocks in the node: a level-1 order nobody takes raises its warning and breach alerts, and the escalation takes them', async () => {
    const o = (await as(ACCOUNTS.opsAdmin, '', { method: 'POST', body: JSON.stringify(order(1)) })).body as unknown as Order;
    const alerts = await waitFor(
      'the respond warning and breach',
      async () => {
        const list = await env.json<{ alertId: string; metric: string; threshold: number; resourceClass: string }[]>(
          `${env.opsUrl}/ops/api/alerts?resourceId=${o.orderId}`,
        );
        return list.filter((a) => a.metric === 'workorder.sla.respond').length === 2 ? list : undefined;
      },
      30_000,
      200,
    );
    expect(
      alerts
        .filter((a) => a.metric === 'workorder.sla.respond')
        .map((a) => a.threshold)
        .sort(),
    ).toEqual([100, 75]);
    const breach = alerts.find((a) => a.metric === 'workorder.sla.respond' && a.threshold === 100)!;
    await waitFor(
      'the escalation of the breach',
      async () => (await env.json<unknown[]>(`${env.opsUrl}/ops/api/notifications?alertId=${breach.alertId}`)).length === 1,
      30_000,
      200,
    );
    const breached = await as(ACCOUNTS.opsAdmin, '?sla=BREACHED');
    expect((breached.body as unknown as Order[]).map((x) => x.orderId)).toContain(o.orderId);
    const detail = (await as(ACCOUNTS.opsAdmin, `/${o.orderId}`)).body as unknown as Order;
    expect(detail.history?.filter((h) => h.actor === 'system').map((h) => h.event)).toEqual(expect.arrayContaining(['SLA_WARNING', 'SLA_BREACH']));
  });

  it('reports the orders to the city with the six wire statuses; the city accepts the optional ITSM fields; SLA alerts stay at the node', async () => {
    await env.runReport('WORK_ORDER', 'FULL');
    await env.runReport('ALERT', 'FULL');
    await env.waitOutboxDrained();
    const atCity = await env.json<{ orderId: string; status: string }[]>(`${env.cityUrl}/city/api/work-orders?nodeCode=${NODE_CODE}`);
    const local = await env.json<Order[]>(`${base()}?limit=500`);
    expect(atCity.map((o) => o.orderId).sort()).toEqual(local.map((o) => o.orderId).sort());
    for (const o of local) expect(atCity.find((c) => c.orderId === o.orderId)?.status).toBe(o.status);
    const cityAlerts = await env.json<{ resourceId: string }[]>(`${env.cityUrl}/city/api/alerts?nodeCode=${NODE_CODE}`);
    expect(cityAlerts.some((a) => local.some((o) => o.orderId === a.resourceId))).toBe(false);
  });
});
