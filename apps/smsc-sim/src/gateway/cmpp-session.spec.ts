import {
  authenticatorSource,
  CmppAuthError,
  CmppClient,
  CmppClientOptions,
  CmppFrameDecoder,
  CmppReport,
  decodePdu,
  encodePdu,
  SubmitOutcome,
} from '@app/cmpp';
import { createConnection } from 'node:net';
import { SmscServer } from './smsc-server';

// Client ↔ simulated gateway over real loopback TCP, both in this process.

const SP = { spId: '901234', secret: 's3cret' };

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CmppClient against the simulated gateway', () => {
  let server: SmscServer;
  let port: number;
  const clients: CmppClient[] = [];

  const client = (over: Partial<CmppClientOptions> = {}) => {
    const c = new CmppClient({ host: '127.0.0.1', port, ...SP, srcId: '1069001234', serviceId: 'ALERT', reconnectBaseMs: 20, reconnectMaxMs: 200, ...over });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = new SmscServer({ host: '127.0.0.1', port: 0, accounts: [SP], reportDelayMs: 5 });
    port = await server.start();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close(500)));
    await server.stop();
  });

  it('logs in with the right secret', async () => {
    const c = client();
    await c.connect();
    await until('session bound', () => server.stats().connections.open === 1);
    expect(c.stats.state).toBe('ready');
  });

  it('refuses a bad secret with CONNECT_RESP status 3, then closes', async () => {
    const c = client({ secret: 'wrong' });
    await expect(c.connect()).rejects.toEqual(expect.objectContaining({ name: 'CmppAuthError', status: 3 }));
    expect(server.stats().connections.authFailures).toBe(1);
  });

  it('answers a raw bad-secret CONNECT with status 3 on the wire and closes the socket', async () => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const decoder = new CmppFrameDecoder();
    const frames: Buffer[] = [];
    socket.on('data', (d: Buffer) => frames.push(...decoder.push(d)));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      encodePdu({
        command: 'CONNECT',
        seq: 7,
        sourceAddr: SP.spId,
        authenticatorSource: authenticatorSource(SP.spId, 'wrong', '1122093005'),
        version: 0x20,
        timestamp: 1122093005,
      }),
    );
    await closed;
    expect(frames).toHaveLength(1);
    expect(decodePdu(frames[0])).toMatchObject({ command: 'CONNECT_RESP', seq: 7, status: 3 });
  });

  it('refuses an unknown SP id with status 2', async () => {
    await expect(client({ spId: '999999' }).connect()).rejects.toBeInstanceOf(CmppAuthError);
    await expect(client({ spId: '999999' }).connect()).rejects.toHaveProperty('status', 2);
  });

  it('never has more than 16 SUBMITs unanswered, as counted by the gateway', async () => {
    server.setFaults({ responseDelayMs: 20 });
    const c = client();
    await c.connect();
    const all = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        c.submit({ key: `w${i}`, to: [`1390000${String(i).padStart(4, '0')}`], text: `window test ${i}`, requestReport: false }),
      ),
    );
    expect(all).toHaveLength(80);
    expect(server.stats().submits.maxUnanswered).toBe(16);
    expect(c.stats.maxInFlight).toBe(16);
  });

  it('respects a smaller configured window', async () => {
    server.setFaults({ responseDelayMs: 10 });
    const c = client({ window: 4 });
    await c.connect();
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.submit({ key: `s${i}`, to: ['13900000001'], text: `small window ${i}`, requestReport: false })));
    expect(server.stats().submits.maxUnanswered).toBe(4);
  });

  it('sends ACTIVE_TEST when idle and gets answers', async () => {
    const c = client({ idleMs: 30 });
    await c.connect();
    await until('two heartbeats answered', () => c.stats.activeTestsAnswered >= 2);
    expect(server.stats().activeTests.received).toBeGreaterThanOrEqual(2);
  });

  it("answers the gateway's ACTIVE_TEST, so the gateway keeps the link", async () => {
    await server.stop();
    server = new SmscServer({ host: '127.0.0.1', port: 0, accounts: [SP], activeTestIdleMs: 30, responseTimeoutMs: 60 });
    port = await server.start();
    const c = client({ idleMs: 60_000 });
    await c.connect();
    await until('gateway heartbeats answered', () => server.stats().activeTests.answered >= 4);
    expect(server.stats().connections).toMatchObject({ open: 1, total: 1 });
  });

  it('delivers a long Chinese message whole to the handset inbox', async () => {
    const c = client();
    await c.connect();
    const text =
      '【运维告警】一号机房精密空调故障，机房温度已升至四十一度并持续上升，超过告警阈值四十度。请值班人员立即到场处置，并在处置完成后于运维系统中登记处理结果。告警编号ALM-0007。';
    expect(text.length).toBeGreaterThan(70);
    const out = await c.submit({ key: 'alm-0007:13800138000', to: ['13800138000'], text, requestReport: false });
    expect(out.segments.map((s) => s.seq)).toEqual([1, 2]);
    const inbox = await until('message in inbox', () => server.inbox.list('13800138000').length === 1 && server.inbox.list('13800138000'));
    expect(inbox[0]).toMatchObject({ to: '13800138000', from: '1069001234', text, segments: out.segments });
  });

  it('sends one SUBMIT per segment for several recipients, each handset gets the message', async () => {
    const c = client();
    await c.connect();
    const out = await c.submit({ key: 'multi', to: ['13800000001', '13800000002'], text: 'disk full on db-01', requestReport: false });
    expect(out.segments).toHaveLength(1);
    expect(server.inbox.list('13800000001')[0].segments).toEqual(out.segments);
    expect(server.inbox.list('13800000002')[0].segments).toEqual(out.segments);
  });

  it("emits a DELIVRD status report with the segment's Msg_Id and acknowledges it", async () => {
    const c = client();
    const reports: CmppReport[] = [];
    c.on('report', (r) => reports.push(r));
    await c.connect();
    const out = await c.submit({ key: 'alm-1:13800138000', to: ['13800138000'], text: 'UPS on battery', requestReport: true });
    await until('report', () => reports.length === 1);
    expect(reports[0]).toMatchObject({ msgId: out.segments[0].msgId, stat: 'DELIVRD', delivered: true, to: '13800138000', key: 'alm-1:13800138000', seq: 1 });
    await until('report acknowledged', () => server.stats().reports.acked === 1);
  });

  it('reports the configured failure status for a number and drops duplicated reports', async () => {
    server.setFaults({ statusByNumber: { '13900000009': 'UNDELIV' }, duplicateReportRate: 1 });
    const c = client();
    const reports: CmppReport[] = [];
    c.on('report', (r) => reports.push(r));
    await c.connect();
    const out = await c.submit({ key: 'k', to: ['13900000009', '13900000001'], text: 'link down', requestReport: true });
    await until('duplicates seen', () => c.stats.duplicateReports === 2);
    expect(reports.map((r) => [r.to, r.stat, r.msgId]).sort()).toEqual([
      ['13900000001', 'DELIVRD', out.segments[0].msgId],
      ['13900000009', 'UNDELIV', out.segments[0].msgId],
    ]);
    expect(server.stats().reports.sent).toBe(4);
  });

  it('does not send a key twice: same promise while in flight, remembered outcome after', async () => {
    const c = client();
    await c.connect();
    const req = { key: 'alm-9:13800000001', to: ['13800000001'], text: 'fan failure', requestReport: false };
    const [a, b] = await Promise.all([c.submit(req), c.submit(req)]);
    expect(b).toBe(a);
    const again: SubmitOutcome = await c.submit(req);
    expect(again).toEqual({ ...a, replayed: true });
    expect(server.stats().submits.received).toBe(1);
    await expect(c.submit({ ...req, text: 'other text' })).rejects.toHaveProperty('name', 'CmppKeyConflictError');
  });

  it('closes gracefully with TERMINATE and refuses submits afterwards', async () => {
    const c = client();
    await c.connect();
    await c.close();
    expect(c.stats.state).toBe('closed');
    await until('gateway saw the session end', () => server.stats().connections.open === 0);
    await expect(c.submit({ key: 'late', to: ['13800000001'], text: 'x', requestReport: false })).rejects.toHaveProperty('name', 'CmppClosedError');
  });
});
