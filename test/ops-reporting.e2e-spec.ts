import { REPORT_CATEGORIES } from '@app/ops-contract';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './support/env';
import { NODE_CODE, OpsEnv } from './support/ops-env';

interface CityReport {
  id: number;
  category: string;
  mode: string;
  messageId: string;
  itemCount: number;
  transport: string;
}

jest.setTimeout(240_000);

describe('ops node → city reporting (real MariaDB, loopback HTTP/SOAP, SM2)', () => {
  let env: OpsEnv;

  beforeAll(async () => {
    env = await OpsEnv.create();
    await env.startCity();
  });

  afterEach(async () => {
    await env.ops?.stop(); // a failed test must not leave its node on the port
  });

  afterAll(async () => {
    await env?.close();
  });

  const cityReports = (category?: string) =>
    env.json<CityReport[]>(`${env.cityUrl}/city/api/reports?nodeCode=${NODE_CODE}&limit=1000${category ? `&category=${category}` : ''}`);

  async function reportEverything(): Promise<string[]> {
    const ids: string[] = [];
    for (const c of REPORT_CATEGORIES) ids.push(...(await env.runReport(c, 'FULL')).messages);
    await env.waitOutboxDrained();
    return ids;
  }

  it('reports all six categories over HTTP; the city decrypts, validates and stores each message once', async () => {
    await env.startOps({ REPORT_TRANSPORT: 'http' });
    // a work order and an alert so that every category has content
    const wo = await env.json<{ orderId: string; origin: string; status: string }>(`${env.opsUrl}/ops/api/work-orders`, {
      method: 'POST',
      body: JSON.stringify({
        subject: '核心交换机端口告警处理',
        content: '10GE1/0/3 端口中断，请现场检查光模块',
        businessType: '故障处理',
        receiverUnit: '市运维交换监管中心',
        originContact: '王运维',
        originPhone: '13800000001',
        opsLevel: 2,
      }),
    });
    // the node's own REST API speaks the report's field names (camelCase), like the city's
    expect(wo).toMatchObject({ orderId: expect.stringMatching(/^SLQ-/), origin: 'LOCAL', status: 'PENDING', originContact: '王运维' });
    expect(wo).not.toHaveProperty('order_id');
    const local = await env.json<{ resourceId: string; resourceClass: string; removed: boolean; subResources: { subResourceId: string }[] }>(
      `${env.opsUrl}/ops/api/resources/NET-CORE-01`,
    );
    expect(local).toMatchObject({ resourceId: 'NET-CORE-01', resourceClass: 'NETWORK_DEVICE', removed: false });
    expect(local.subResources[0]).toHaveProperty('subResourceId');
    expect(Object.keys(local).some((k) => k.includes('_'))).toBe(false);
    await env.json(`${env.opsUrl}/ops/api/device-sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ resourceId: 'NET-CORE-01', subResourceId: 'NET-CORE-01:10GE1/0/3', kind: 'port-down', rounds: 5 }),
    });
    await env.json(`${env.opsUrl}/ops/api/samples/collect`, { method: 'POST' });
    await env.json(`${env.opsUrl}/ops/api/samples/collect`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 2100)); // samples become reportable after the commit lag

    const sent = await reportEverything();
    const stored = await cityReports();
    // the node's first start also queued a full report of every category (never reported before)
    expect(stored.map((r) => r.messageId)).toEqual(expect.arrayContaining(sent));
    expect(new Set(stored.map((r) => r.messageId)).size).toBe(stored.length);
    expect(stored.every((r) => r.transport === 'http')).toBe(true);
    expect(new Set(stored.map((r) => r.category))).toEqual(new Set(REPORT_CATEGORIES));

    const resources = await env.json<{ resourceId: string }[]>(`${env.cityUrl}/city/api/nodes/${NODE_CODE}/resources`);
    const ids = resources.map((r) => r.resourceId);
    expect(ids).toEqual(expect.arrayContaining(['NET-CORE-01', 'FW-01', 'LB-01', 'DB-MARIADB-01', 'MW-NODE-01', 'BIZ-01']));
    const ports = await env.json<unknown[]>(`${env.cityUrl}/city/api/nodes/${NODE_CODE}/resources/NET-CORE-01/sub-resources`);
    expect(ports).toHaveLength(24);
    const alerts = await env.json<{ metric: string; severity: string }[]>(`${env.cityUrl}/city/api/alerts?nodeCode=${NODE_CODE}`);
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ metric: 'if.status', severity: 'CRITICAL' })]));
    const orders = await env.json<{ orderId: string }[]>(`${env.cityUrl}/city/api/work-orders?nodeCode=${NODE_CODE}`);
    expect(orders.map((o) => o.orderId)).toContain(wo.orderId);
    const perf = await env.json<unknown[]>(`${env.cityUrl}/city/api/performance/summary?nodeCode=${NODE_CODE}&resourceId=NET-CORE-01&metric=cpu.usage`);
    expect(perf.length).toBeGreaterThan(0);
    const nodes = await env.json<unknown[]>(`${env.cityUrl}/city/api/nodes`);
    expect(JSON.stringify(nodes)).toContain('石龙区');

    // status changes travel back in the next incremental report
    await env.json(`${env.opsUrl}/ops/api/work-orders/${wo.orderId}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'accept', receiverContact: '李工', receiverPhone: '13900000002' }),
    });
    await new Promise((r) => setTimeout(r, 2100)); // past the commit lag of the incremental watermark
    const inc = await env.runReport('WORK_ORDER', 'INCREMENTAL');
    expect(inc.items).toBe(1);
    await env.waitOutboxDrained();
    const after = await env.json<Record<string, unknown>[]>(`${env.cityUrl}/city/api/work-orders?nodeCode=${NODE_CODE}`);
    expect(JSON.stringify(after.find((o) => o.orderId === wo.orderId))).toContain('ACCEPTED');
    await env.ops!.stop();
  });

  it('reports all six categories over SOAP with the SM2-wrapped SM4 envelope', async () => {
    const before = (await cityReports()).length;
    await env.startOps({ REPORT_TRANSPORT: 'soap', REPORT_ENCRYPTION: 'SM2-SM4', REPORT_CIPHER_FORMAT: 'der' });
    const sent = await reportEverything();
    const stored = await cityReports();
    expect(stored.length).toBe(before + sent.length);
    expect(stored.filter((r) => sent.includes(r.messageId)).every((r) => r.transport === 'soap')).toBe(true);
    await env.ops!.stop();
  });

  it('queues reports while the city is down and delivers each exactly once when it returns', async () => {
    await env.startOps();
    const before = (await cityReports()).length;
    await env.city!.stop();
    const queued: string[] = [];
    for (const c of ['RESOURCE', 'ALERT', 'NODE_INFO']) queued.push(...(await env.runReport(c, 'FULL')).messages);
    await waitFor('failed attempts to show on the categories', async () => {
      const r = await env.reporting();
      return r.categories.filter((c) => c.pending > 0 && c.lastError).length === 3;
    });
    await new Promise((r) => setTimeout(r, 1500)); // a few more retries against the closed port
    await env.startCity();
    await env.waitOutboxDrained();
    const stored = await cityReports();
    expect(stored.length).toBe(before + queued.length);
    expect(stored.filter((r) => queued.includes(r.messageId))).toHaveLength(queued.length);
    await env.ops!.stop();
  });

  it('an ops node killed after the city stored a report but before recording it resends it, and the city keeps one copy', async () => {
    await env.startOps({ TEST_HOOKS: 'on', FAULT_CRASH_POINT: 'after-report-send' });
    const { messages } = await env.runReport('NODE_INFO', 'FULL');
    expect(messages).toHaveLength(1);
    const exit = await env.ops!.exited;
    expect(exit.signal).toBe('SIGKILL');
    const [row] = await env.query<{ state: string }>('ops_node', 'SELECT state FROM report_outbox WHERE message_id = ?', [messages[0]]);
    expect(row.state).toBe('PENDING');
    expect((await cityReports('NODE_INFO')).filter((r) => r.messageId === messages[0])).toHaveLength(1);

    await env.startOps(); // lease of the killed attempt runs out, the same messageId goes again
    await env.waitOutboxDrained(40_000);
    const [after] = await env.query<{ state: string; attempts: number }>('ops_node', 'SELECT state, attempts FROM report_outbox WHERE message_id = ?', [
      messages[0],
    ]);
    expect(after.state).toBe('SENT');
    expect(after.attempts).toBeGreaterThanOrEqual(2);
    expect((await cityReports('NODE_INFO')).filter((r) => r.messageId === messages[0])).toHaveLength(1);
    await env.ops!.stop();
  });

  it('a report payload produced by the ops node is decrypted by the OpenSSL CLI', async () => {
    // a capturing "city" that answers 0000 and keeps what it got
    const got: Record<string, string>[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const m = JSON.parse(body) as Record<string, string>;
        got.push(m);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ code: '0000', message: '成功', messageId: m.messageId, receivedAt: new Date().toISOString() }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      await env.startOps({ CITY_URL: `http://127.0.0.1:${port}`, REPORT_CIPHER_FORMAT: 'der', REPORT_ENCRYPTION: 'SM2' });
      await env.runReport('NODE_INFO', 'FULL');
      await waitFor('the report to reach the capture server', async () => got.length > 0);
      const dir = mkdtempSync(join(tmpdir(), 'ops-openssl-'));
      writeFileSync(join(dir, 'province.pem'), env.provinceKey().toPem());
      writeFileSync(join(dir, 'payload.der'), Buffer.from(got[0].payload, 'base64'));
      const plain = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', join(dir, 'province.pem'), '-in', join(dir, 'payload.der')]);
      const message = JSON.parse(plain.toString('utf8')) as { nodeCode: string; category: string; items: { unitName: string }[] };
      expect(message.nodeCode).toBe(NODE_CODE);
      expect(message.category).toBe('NODE_INFO');
      expect(message.items[0].unitName).toContain('石龙区');
    } finally {
      await env.ops?.stop();
      server.close();
    }
  });
});
