import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { waitFor } from './support/env';
import { NotifyEnv, SMSC_SP } from './support/notify-env';
import { NODE_CODE, OpsEnv } from './support/ops-env';
import { ON_CALL_A, ON_CALL_B } from './support/ops-notify-env';
import { assertMatchesSchema, OpenApiDoc } from './support/response-shape';

jest.setTimeout(240_000);

/**
 * The ops node's REST answers against the response schemas its OpenAPI document declares: the ops
 * console generates its client from that document, so every field a handler really sends must be
 * declared with its type and nullability. Real apps (the ops node, the city, the department
 * simulator, the mail/SMS/voice simulators), data made through the API first so that lists and
 * details carry every part, then each operation read and checked.
 */
const CHECKED = [
  'DELETE /ops/api/alert-rules/{id}',
  'DELETE /ops/api/alert-silences/{id}',
  'DELETE /ops/api/on-call/{id}',
  'DELETE /ops/api/performance/intervals',
  'DELETE /ops/api/resources/{id}',
  'DELETE /ops/api/topology/parents/{resourceId}',
  'GET /ops/api/alert-notices',
  'GET /ops/api/alert-rules',
  'GET /ops/api/alert-silences',
  'GET /ops/api/alert-stats',
  'GET /ops/api/alerts',
  'GET /ops/api/alerts/{id}',
  'GET /ops/api/app-monitoring',
  'GET /ops/api/app-monitoring/{resourceId}/history',
  'GET /ops/api/downlink',
  'GET /ops/api/node-info',
  'GET /ops/api/notifications',
  'GET /ops/api/notifications/attempts',
  'GET /ops/api/notifications/channels',
  'GET /ops/api/on-call',
  'GET /ops/api/performance/intervals',
  'GET /ops/api/performance/jobs',
  'GET /ops/api/performance/latest/{resourceId}',
  'GET /ops/api/performance/series',
  'GET /ops/api/performance/summary',
  'GET /ops/api/reporting',
  'GET /ops/api/reporting/outbox',
  'GET /ops/api/resources',
  'GET /ops/api/resources/{id}',
  'GET /ops/api/samples',
  'GET /ops/api/system-log',
  'GET /ops/api/topology/parents',
  'GET /ops/api/work-orders',
  'GET /ops/api/work-orders/{id}',
  'POST /ops/api/alert-notices/flush',
  'POST /ops/api/alert-rules',
  'POST /ops/api/alert-silences',
  'POST /ops/api/alerts/{id}/ack',
  'POST /ops/api/alerts/{id}/close',
  'POST /ops/api/app-monitoring/{resourceId}/probe',
  'POST /ops/api/city/secure-messages',
  'POST /ops/api/device-sim/faults',
  'POST /ops/api/downlink/scan',
  'POST /ops/api/notifications/voice-callback',
  'POST /ops/api/on-call',
  'POST /ops/api/performance/retention/run',
  'POST /ops/api/performance/rollups/run',
  'POST /ops/api/reporting/{category}/run',
  'POST /ops/api/resources',
  'POST /ops/api/resources/discover',
  'POST /ops/api/samples',
  'POST /ops/api/samples/collect',
  'POST /ops/api/work-orders',
  'POST /ops/api/work-orders/{id}/actions',
  'POST /ops/api/work-orders/{id}/split',
  'PUT /ops/api/alert-rules/{id}',
  'PUT /ops/api/app-monitoring/{resourceId}',
  'PUT /ops/api/node-info',
  'PUT /ops/api/on-call/{id}',
  'PUT /ops/api/performance/intervals',
  'PUT /ops/api/topology/parents/{resourceId}',
];

/** What the city sent to the ops node and what the ops node answered, seen by a pass-through proxy. */
interface Relayed {
  path: string;
  status: number;
  body: string;
}

describe('ops-node answers match their declared response schemas', () => {
  let env: OpsEnv;
  let sims: NotifyEnv;
  let doc: OpenApiDoc;
  let proxy: Server;
  const relayed: Relayed[] = [];
  const seen = new Set<string>();

  beforeAll(async () => {
    sims = await NotifyEnv.start();
    env = await OpsEnv.create();
    // the city reaches the node through a proxy that keeps the node's answers to it
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const out = request({ host: '127.0.0.1', port: env.opsPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
          const back: Buffer[] = [];
          up.on('data', (c: Buffer) => back.push(c));
          up.on('end', () => {
            const body = Buffer.concat(back);
            relayed.push({ path: req.url ?? '', status: up.statusCode ?? 0, body: body.toString('utf8') });
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(body);
          });
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    await env.startCity({ DEFAULT_NODE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    await env.startDeptSim();
    await env.startOps({
      API_DOCS: 'on',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sims.ports.smtp),
      CMPP_HOST: '127.0.0.1',
      CMPP_PORT: String(sims.ports.cmpp),
      CMPP_SP_ID: SMSC_SP.spId,
      CMPP_SECRET: SMSC_SP.secret,
      CMPP_SRC_ID: SMSC_SP.srcId,
      VOICE_GATEWAY_URL: sims.urls.voice,
      ON_CALL_SEED: JSON.stringify([ON_CALL_A, ON_CALL_B]),
      // notices are made by the explicit flush below, not by the notifier's timer: its sweep running while
      // an alert was acknowledged once failed the acknowledgement with 5000 (a lock-order race, not typed shapes)
      ALERT_GROUP_WINDOW_SECONDS: '0',
      ALERT_NOTIFY_TICK_MS: '60000',
      ESCALATION_TICK_MS: '100',
      ESCALATION_OUTBOX_POLL_MS: '200',
      ESCALATION_RESPONSE_MS: '1000',
      ROLLUP_INTERVAL_MS: '0',
      RETENTION_INTERVAL_SECONDS: '0',
    });
    doc = (await (await fetch(`${env.opsUrl}/api/docs-json`)).json()) as OpenApiDoc;
  });

  afterAll(async () => {
    await env?.close();
    await sims?.stop();
    proxy?.close();
  });

  /** Calls `method /ops/api<url>` as the ops admin, expects `status` and checks the body against the schema of `method /ops/api<path>`. */
  async function shaped<T = Record<string, unknown>>(method: string, url: string, path: string, status: number, body?: unknown): Promise<T> {
    const full = `${env.opsUrl}/ops/api${url}`;
    const headers: Record<string, string> = { ...(await env.authFor(full)) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(full, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    // on a surprise, the answer and the node's last error lines say why
    const why =
      res.status === status
        ? ''
        : `${text}\n${(env.ops?.logs ?? [])
            .filter((l) => l.includes('"error"'))
            .slice(-4)
            .join('\n')}`;
    expect([method, url, res.status, why]).toEqual([method, url, status, '']);
    const json = JSON.parse(text) as unknown;
    assertMatchesSchema(doc, method, `/ops/api${path}`, status, json);
    seen.add(`${method} /ops/api${path}`);
    return json as T;
  }
  const get = <T = Record<string, unknown>>(url: string, path = url) => shaped<T>('GET', url, path, 200);

  it('inventory and node info', async () => {
    await shaped('POST', '/resources/discover', '/resources/discover', 200);
    const all = await get<{ resourceId: string }[]>('/resources');
    expect(all.length).toBeGreaterThan(5);
    await shaped('POST', '/resources', '/resources', 201, {
      resourceId: 'SRV-SHAPE-01',
      resourceIp: '10.0.0.99',
      resourceClass: 'DATABASE',
      name: '形状测试库',
      model: 'M1',
      brand: 'B1',
      assetNo: 'ZC-001',
    });
    await shaped('POST', '/resources', '/resources', 201, {
      resourceId: 'SRV-SHAPE-02',
      resourceIp: '10.0.0.98',
      resourceClass: 'MIDDLEWARE',
      name: '形状测试中间件',
      model: 'M2',
      brand: 'B2',
    });
    for (const r of all.slice(0, 4)) await get(`/resources/${r.resourceId}`, '/resources/{id}');
    await shaped('DELETE', '/resources/SRV-SHAPE-02', '/resources/{id}', 200);
    await get('/resources?includeRemoved=true', '/resources');
    await get('/node-info');
    await shaped('PUT', '/node-info', '/node-info', 200, { dutyPhone: '0375-1234567' });
  });

  it('sampling, rules, alerts, silences, topology, notices, statistics and the system log', async () => {
    await shaped('POST', '/device-sim/faults', '/device-sim/faults', 200, { resourceId: 'NET-CORE-01', kind: 'cpu-spike', rounds: 2 });
    await shaped('POST', '/samples/collect', '/samples/collect', 200);
    const rule = await shaped<{ id: number }>('POST', '/alert-rules', '/alert-rules', 201, {
      name: '核心交换机温度过高',
      metric: 'temperature',
      resourceId: 'NET-CORE-01',
      comparator: '>=',
      threshold: 70,
      recoveryThreshold: 60,
      forSeconds: 0,
      severity: 'CRITICAL',
      repeatIntervalSeconds: 300,
    });
    const spare = await shaped<{ id: number }>('POST', '/alert-rules', '/alert-rules', 201, {
      name: '防火墙温度过高',
      metric: 'temperature',
      resourceClass: 'FIREWALL',
      comparator: '>=',
      threshold: 70,
      severity: 'MAJOR',
    });
    await shaped('PUT', `/alert-rules/${spare.id}`, '/alert-rules/{id}', 200, { threshold: 75 });
    await get('/alert-rules');
    const pushed = await shaped<{ fired: string[] }>('POST', '/samples', '/samples', 200, {
      samples: [
        { resourceId: 'NET-CORE-01', metric: 'temperature', value: 82, unit: '℃' },
        { resourceId: 'FW-01', metric: 'temperature', value: 80, unit: '℃' },
      ],
    });
    expect(pushed.fired).toHaveLength(2);
    const [first, second] = pushed.fired;
    // the firing notices, so that their escalation starts (mail and SMS to the A role) before the acknowledgement
    const fired = await shaped<unknown[]>('POST', '/alert-notices/flush', '/alert-notices/flush', 200);
    expect(fired.length).toBeGreaterThan(0);
    await waitFor('the first escalation step', async () => (await env.json<unknown[]>(`${env.opsUrl}/ops/api/notifications/attempts`)).length > 0, 20_000, 100);
    await shaped('POST', `/alerts/${first}/ack`, '/alerts/{id}/ack', 200, { comment: '已到机房查看' });
    await shaped('POST', '/samples', '/samples', 200, { samples: [{ resourceId: 'NET-CORE-01', metric: 'temperature', value: 50, unit: '℃' }] });
    await shaped('POST', `/alerts/${first}/close`, '/alerts/{id}/close', 200, { comment: '已处理' });
    await shaped('DELETE', `/alert-rules/${spare.id}`, '/alert-rules/{id}', 200);
    for (const id of [first, second]) await get(`/alerts/${id}`, '/alerts/{id}');
    const alerts = await get<unknown[]>('/alerts');
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    await get(`/alerts?ruleId=${rule.id}&status=CLOSED`, '/alerts');

    const silence = await shaped<{ id: number }>('POST', '/alert-silences', '/alert-silences', 201, {
      resourceId: 'FW-01',
      metric: 'temperature',
      minutes: 30,
      reason: '防火墙割接',
    });
    await shaped('POST', '/alert-silences', '/alert-silences', 201, { kind: 'MAINTENANCE', severity: 'MINOR', minutes: 60, reason: '例行维护' });
    await shaped('DELETE', `/alert-silences/${silence.id}`, '/alert-silences/{id}', 200);
    await get('/alert-silences');
    await get('/alert-silences?includeExpired=true', '/alert-silences');

    await shaped('PUT', '/topology/parents/FW-01', '/topology/parents/{resourceId}', 200, { parentResourceId: 'NET-CORE-01' });
    await shaped('PUT', '/topology/parents/SRV-SHAPE-01', '/topology/parents/{resourceId}', 200, { parentResourceId: 'FW-01' });
    await shaped('DELETE', '/topology/parents/SRV-SHAPE-01', '/topology/parents/{resourceId}', 200);
    await get('/topology/parents');

    await shaped('POST', '/alert-notices/flush', '/alert-notices/flush', 200);
    const notices = await waitFor('alert notices', async () => {
      const n = await get<unknown[]>('/alert-notices');
      return n.length > 0 ? n : undefined;
    });
    expect(notices.length).toBeGreaterThan(0);
    const day = 24 * 3_600_000;
    for (const bucket of ['hour', 'day']) {
      await get(
        `/alert-stats?from=${new Date(Date.now() - day).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}&bucket=${bucket}`,
        '/alert-stats',
      );
    }
    await get('/samples');
    await get('/samples?resourceId=NET-CORE-01&metric=temperature', '/samples');
    const log = await get<unknown[]>('/system-log');
    expect(log.length).toBeGreaterThan(5);
    await get('/system-log?category=ALERT', '/system-log');
  });

  it('performance series, summaries, intervals and the background jobs', async () => {
    const hour = 3_600_000;
    const now = Date.now();
    // an hour of backfilled samples a day ago, so that rolled-up resolutions have data
    const samples = Array.from({ length: 12 }, (_, i) => ({
      resourceId: 'NET-CORE-01',
      metric: 'cpu.usage',
      value: 30 + i,
      unit: '%',
      sampledAt: new Date(now - 24 * hour + i * 5 * 60_000).toISOString(),
    }));
    await shaped('POST', '/samples', '/samples', 200, { samples });
    await shaped('POST', '/performance/rollups/run', '/performance/rollups/run', 200, {
      from: new Date(now - 30 * hour).toISOString(),
      to: new Date(now).toISOString(),
    });
    const q = (from: number, resolution: string) =>
      `/performance/series?metric=cpu.usage&resourceId=NET-CORE-01&from=${new Date(from).toISOString()}&to=${new Date(now).toISOString()}&resolution=${resolution}`;
    for (const resolution of ['raw', '5m', '1h', '1d', 'auto']) await get(q(now - 30 * hour, resolution), '/performance/series');
    for (const period of ['week', 'month', 'quarter']) {
      await get(
        `/performance/summary?metric=cpu.usage&resourceId=NET-CORE-01&period=${period}&from=${new Date(now - 40 * 24 * hour).toISOString()}&to=${new Date(now).toISOString()}`,
        '/performance/summary',
      );
    }
    const latest = await get<unknown[]>('/performance/latest/NET-CORE-01', '/performance/latest/{resourceId}');
    expect(latest.length).toBeGreaterThan(0);
    await shaped('PUT', '/performance/intervals', '/performance/intervals', 200, { resourceId: 'NET-CORE-01', intervalSeconds: 120 });
    await shaped('PUT', '/performance/intervals', '/performance/intervals', 200, { metric: 'cpu.usage', intervalSeconds: 60 });
    await get('/performance/intervals');
    await shaped('DELETE', '/performance/intervals?metric=cpu.usage', '/performance/intervals', 200);
    await shaped('POST', '/performance/retention/run', '/performance/retention/run', 200);
    await get('/performance/jobs');
  });

  it('application monitoring', async () => {
    const overview = await get<{ resourceId: string }[]>('/app-monitoring');
    expect(overview.length).toBeGreaterThan(0);
    const id = overview[0].resourceId;
    await shaped('PUT', `/app-monitoring/${id}`, '/app-monitoring/{resourceId}', 200, { slowMs: 800, timeoutMs: 2000 });
    // the department simulator answers the default probe path (/health/live): 正常, not a 404 shown as 正常
    const probed = await shaped<{ state: string; httpStatus: number }>('POST', `/app-monitoring/${id}/probe`, '/app-monitoring/{resourceId}/probe', 200);
    expect(probed).toEqual(expect.objectContaining({ state: 'UP', httpStatus: 200 }));
    await get('/app-monitoring');
    const history = await get<unknown[]>(`/app-monitoring/${id}/history`, '/app-monitoring/{resourceId}/history');
    expect(history.length).toBeGreaterThan(0);
  });

  it('on-call roster, notification escalations, attempts, channels and the voice gateway callback', async () => {
    const roster = await get<{ people: { id: number }[] }>('/on-call');
    expect(roster.people).toHaveLength(2);
    const added = await shaped<{ person: { id: number } }>('POST', '/on-call', '/on-call', 201, { name: '王备班', role: 'B', mobile: '13800000023' });
    await shaped('PUT', `/on-call/${added.person.id}`, '/on-call/{id}', 200, { name: '王备班', role: 'B', mobile: '13800000023', enabled: false });
    await shaped('DELETE', `/on-call/${added.person.id}`, '/on-call/{id}', 200);
    const escalations = await waitFor(
      'an escalation with attempts',
      async () => {
        const e = await get<{ attempts: unknown[] }[]>('/notifications');
        return e.some((x) => x.attempts.length > 0) ? e : undefined;
      },
      30_000,
      200,
    );
    expect(escalations.length).toBeGreaterThan(0);
    const attempts = await get<unknown[]>('/notifications/attempts');
    expect(attempts.length).toBeGreaterThan(0);
    await get('/notifications/channels');
    await shaped('POST', '/notifications/voice-callback', '/notifications/voice-callback', 200, {
      callId: 'CALL-UNKNOWN',
      callee: '13800000021',
      outcome: 'answered',
      endedAt: new Date().toISOString(),
    });
  });

  it('work orders from this node and from the city (its secure message answered with a receipt)', async () => {
    const order = await shaped<{ orderId: string }>('POST', '/work-orders', '/work-orders', 201, {
      subject: '核心交换机巡检',
      content: '请巡检核心交换机并反馈。',
      businessType: '巡检',
      receiverUnit: '区大数据中心',
      originContact: '张伟',
      originPhone: '0375-1234567',
      opsLevel: 2,
    });
    const act = (action: Record<string, unknown>) => shaped('POST', `/work-orders/${order.orderId}/actions`, '/work-orders/{id}/actions', 200, action);
    await act({ action: 'accept', receiverContact: '李工', receiverPhone: '0375-7654321' });
    await act({ action: 'start' });
    await act({ action: 'feedback', feedback: '已巡检，无异常。' });
    await act({ action: 'conclude', feedback: '已办结。' });
    await act({ action: 'evaluate', starRating: 5, evaluation: '及时' });
    await get(`/work-orders/${order.orderId}`, '/work-orders/{id}');
    const parent = await shaped<{ orderId: string }>('POST', '/work-orders', '/work-orders', 201, {
      subject: '汇聚交换机端口排查',
      content: '请排查汇聚交换机端口并反馈。',
      businessType: '故障处理',
      receiverUnit: '区大数据中心',
      originContact: '张伟',
      originPhone: '0375-1234567',
      opsLevel: 3,
    });
    await shaped('POST', `/work-orders/${parent.orderId}/split`, '/work-orders/{id}/split', 200, {
      children: [
        { subject: '现场检查光模块', assignee: 'yunwei01' },
        { subject: '核查对端配置', assignee: '网络组', assigneeKind: 'GROUP' },
      ],
    });
    await get(`/work-orders/${parent.orderId}`, '/work-orders/{id}');

    await env.json(`${env.cityUrl}/city/api/work-orders`, {
      method: 'POST',
      body: JSON.stringify({
        nodeCode: NODE_CODE,
        subject: '出口链路核查',
        content: '请核查区政务外网出口链路并反馈。',
        businessType: '网络故障',
        opsLevel: 2,
        originContact: '张伟',
        originPhone: '0371-12345678',
      }),
    });
    const receipt = await waitFor('the node to answer the city', async () => relayed.find((r) => r.path === '/ops/api/city/secure-messages'), 30_000, 200);
    expect(receipt.status).toBe(200);
    assertMatchesSchema(doc, 'POST', '/ops/api/city/secure-messages', 200, JSON.parse(receipt.body));
    seen.add('POST /ops/api/city/secure-messages');
    const orders = await get<{ origin: string }[]>('/work-orders');
    // the order above, the split parent and its two children, and the city's
    expect(orders.map((o) => o.origin).sort()).toEqual(['CITY', 'LOCAL', 'LOCAL', 'LOCAL', 'LOCAL']);
  });

  it('reporting to the city and the downlink from it', async () => {
    for (const category of ['RESOURCE', 'ALERT', 'WORK_ORDER', 'NODE_INFO'])
      await shaped('POST', `/reporting/${category}/run?mode=FULL`, '/reporting/{category}/run', 200);
    await shaped('POST', '/reporting/PERFORMANCE/run', '/reporting/{category}/run', 200);
    await env.waitOutboxDrained();
    await get('/reporting');
    const outbox = await get<unknown[]>('/reporting/outbox');
    expect(outbox.length).toBeGreaterThan(0);

    await env.json(`${env.cityUrl}/city/api/downlink`, {
      method: 'POST',
      body: JSON.stringify({ nodeCode: NODE_CODE, targetUnit: 'AMR', dataType: 'POLICY_NOTICE', content: { title: '关于开展网络安全检查的通知' } }),
    });
    await env.query(
      'ops_front',
      "INSERT INTO dl_record (record_id, source_node, target_unit, data_type, encryption, cipher_mode, cipher_format, payload, payload_digest, signature) VALUES ('FORGED-SHAPE', 'NATIONAL', 'AMR', 'POLICY_NOTICE', 'SM2', 'C1C3C2', 'prefixed04', 'AAAA', REPEAT('0', 64), 'AAAA')",
    );
    await shaped('POST', '/downlink/scan', '/downlink/scan', 200);
    const downlink = await waitFor(
      'a delivered and a rejected record',
      async () => {
        const d = await get<{ records: { state: string }[] }>('/downlink');
        const states = new Set(d.records.map((r) => r.state));
        return states.has('DELIVERED') && states.has('REJECTED') ? d : undefined;
      },
      30_000,
      300,
    );
    expect(downlink.records.length).toBeGreaterThanOrEqual(2);
  });

  it('checked every operation it is meant to', () => {
    expect([...seen].sort()).toEqual([...CHECKED].sort());
  });
});
