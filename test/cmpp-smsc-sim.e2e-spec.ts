import { CmppAuthError, CmppClient, CmppReport } from '@app/cmpp';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, SIM_CONTROL_TOKEN, waitFor } from './support/env';
import { RunningApp, startApp } from './support/processes';

// The built SMSC simulator as a separate process (node --disable-proto=delete dist/…), driven
// through its HTTP control API and a real CmppClient.

const SP = { spId: '901234', secret: 'e2e-secret' };
const LONG = '【运维告警】数据交换平台前置库同步延迟已超过十五分钟，涉及市场监管局和人社局两个部门，请值班工程师立即检查前置库连接与调度任务，并在处置后登记。';

describe('smsc-sim (built app) driven over HTTP and CMPP', () => {
  let app: RunningApp;
  let http: string;
  let cmppPort: number;
  const clients: CmppClient[] = [];

  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${http}${path}`, {
      method,
      headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const client = (secret = SP.secret) => {
    const c = new CmppClient({
      host: '127.0.0.1',
      port: cmppPort,
      spId: SP.spId,
      secret,
      srcId: '106900001234',
      serviceId: 'OPSALERT',
      reconnectBaseMs: 50,
      reconnectMaxMs: 500,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const httpPort = await freePort();
    cmppPort = await freePort();
    http = `http://127.0.0.1:${httpPort}`;
    app = await startApp(
      'smsc-sim',
      {
        SIM_CONTROL_TOKEN,
        PORT: String(httpPort),
        CMPP_PORT: String(cmppPort),
        SMSC_ACCOUNTS: `${SP.spId}:${SP.secret},900002:other`,
        SMSC_REPORT_DELAY_MS: '20',
        API_DOCS: 'on',
      },
      `${http}/sim/stats`,
    );
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close(1_000)));
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('serves its API docs when API_DOCS=on, with security headers', async () => {
    const docs = await fetch(`${http}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
    expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('delivers a long Chinese alert and its status reports, visible in the inbox', async () => {
    await api('POST', '/sim/reset');
    const faults = await api<Record<string, unknown>>('PUT', '/sim/faults', { statusByNumber: { '13900000009': 'UNDELIV' } });
    expect(faults.status).toBe(200);
    expect(faults.body).toMatchObject({ statusByNumber: { '13900000009': 'UNDELIV' }, dropSubmitRate: 0 });
    const c = client();
    const reports: CmppReport[] = [];
    c.on('report', (r) => reports.push(r));
    await c.connect();
    const out = await c.submit({ key: 'alm-42:both', to: ['13800138000', '13900000009'], text: LONG, requestReport: true });
    expect(out.segments).toHaveLength(2);
    await waitFor('four reports (two segments × two handsets)', () => Promise.resolve(reports.length === 4), 10_000, 20);
    expect(reports.filter((r) => r.to === '13800138000').map((r) => r.stat)).toEqual(['DELIVRD', 'DELIVRD']);
    expect(reports.filter((r) => r.to === '13900000009').map((r) => r.stat)).toEqual(['UNDELIV', 'UNDELIV']);
    expect(new Set(reports.map((r) => r.msgId))).toEqual(new Set(out.segments.map((s) => s.msgId)));

    const inbox = await api<{ count: number; messages: { to: string; text: string; segments: { msgId: string; seq: number }[] }[] }>(
      'GET',
      '/sim/inbox?to=13800138000',
    );
    expect(inbox.body.count).toBe(1);
    expect(inbox.body.messages[0]).toMatchObject({ to: '13800138000', text: LONG, segments: out.segments });
    await api('PUT', '/sim/faults', { statusByNumber: {} });
  });

  it('survives a mid-window disconnect set through PUT /sim/faults: every message once', async () => {
    await api('POST', '/sim/reset');
    await api('PUT', '/sim/faults', { responseDelayMs: 10, disconnectAfterSubmits: 8 });
    const c = client();
    await c.connect();
    const msgs = Array.from({ length: 40 }, (_, i) => ({
      key: `e2e-${i}`,
      to: [`1370000${String(i % 4).padStart(4, '0')}`],
      text: `告警 ${i}: 磁盘使用率超过阈值`,
      requestReport: false,
    }));
    await Promise.all(msgs.map((m) => c.submit(m)));
    const stats = await api<{ submits: { faultDisconnects: number }; connections: { total: number }; duplicates: unknown[]; messages: { delivered: number } }>(
      'GET',
      '/sim/stats',
    );
    expect(stats.body.submits.faultDisconnects).toBe(1);
    // at least the first session and the one after the forced disconnect; a loaded machine may add a
    // reconnect (heartbeat or response timeout), which is allowed as long as nothing is lost or doubled
    expect(stats.body.connections.total).toBeGreaterThanOrEqual(2);
    expect(stats.body.duplicates).toEqual([]);
    expect(stats.body.messages.delivered).toBe(40);
    expect(c.stats.requeuedAfterDisconnect).toBeGreaterThan(0);
    await api('POST', '/sim/faults/reset');
  });

  it('refuses a bad secret (status 3) and counts it', async () => {
    await api('POST', '/sim/reset');
    const err: unknown = await client('wrong-secret')
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CmppAuthError);
    expect((err as CmppAuthError).status).toBe(3);
    const stats = await api<{ connections: { authFailures: number } }>('GET', '/sim/stats');
    expect(stats.body.connections.authFailures).toBe(1);
  });

  it('validates fault changes', async () => {
    expect((await api('PUT', '/sim/faults', { dropSubmitRate: 1.5 })).status).toBe(400);
    expect((await api('PUT', '/sim/faults', { somethingElse: true })).status).toBe(400);
    expect((await api('PUT', '/sim/faults', { statusByNumber: { abc: 'UNDELIV' } })).status).toBe(400);
    expect((await api('GET', '/sim/inbox?to=not-a-number')).status).toBe(400);
  });

  it('answers its inspection and fault routes only to the simulator control token', async () => {
    for (const [method, path] of [
      ['GET', '/sim/inbox'],
      ['GET', '/sim/stats'],
      ['PUT', '/sim/faults'],
      ['POST', '/sim/reset'],
    ]) {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${SIM_CONTROL_TOKEN}`]) {
        const res = await fetch(`${http}${path}`, {
          method,
          headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{"responseDelayMs":1}',
        });
        expect([path, res.status, ((await res.json()) as { code: string }).code]).toEqual([path, 401, '1001']);
      }
    }
    // nothing changed, and the next valid call is answered
    expect((await api<{ responseDelayMs: number }>('GET', '/sim/faults')).body.responseDelayMs).toBe(0);
  });

  it('keeps its control routes closed when started without a token', async () => {
    const port = await freePort();
    const closed = await startApp(
      'smsc-sim',
      { PORT: String(port), CMPP_PORT: String(await freePort()), SMSC_ACCOUNTS: `${SP.spId}:${SP.secret}` },
      `http://127.0.0.1:${port}/sim/stats`,
    );
    try {
      const res = await fetch(`http://127.0.0.1:${port}/sim/inbox`, { headers: { authorization: 'Bearer anything-at-all-0123' } });
      expect([res.status, ((await res.json()) as { code: string; message: string }).message]).toEqual([
        403,
        '无权操作：未配置 SIM_CONTROL_TOKEN：模拟器控制接口已关闭',
      ]);
    } finally {
      await closed.stop();
    }
  });

  it('refuses to boot on bad configuration, naming the variable', async () => {
    const proc = spawn(process.execPath, ['--disable-proto=delete', join(__dirname, '..', 'dist', 'apps', 'smsc-sim', 'src', 'main.js')], {
      env: { ...process.env, CMPP_PORT: 'seven', SMSC_ACCOUNTS: 'much-too-long-id:x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('CMPP_PORT');
    expect(err).toContain('SMSC_ACCOUNTS');
  });
});
