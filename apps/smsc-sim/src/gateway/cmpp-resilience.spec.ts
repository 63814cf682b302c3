import { CmppClient, CmppClientOptions, CmppReport } from '@app/cmpp';
import { SmscServer } from './smsc-server';

// Failure paths between the client and the simulated gateway, over real loopback TCP.

const SP = { spId: '901234', secret: 's3cret' };

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const LONG = '【告警】核心交换机CPU利用率连续五分钟超过百分之九十五，业务可能受影响，请网络值班人员立即检查并处理，处理后在运维平台登记。';

describe('CmppClient resilience', () => {
  let server: SmscServer;
  let port: number;
  const clients: CmppClient[] = [];

  const client = (over: Partial<CmppClientOptions> = {}) => {
    const c = new CmppClient({ host: '127.0.0.1', port, ...SP, srcId: '1069001234', reconnectBaseMs: 20, reconnectMaxMs: 200, ...over });
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

  it('survives a gateway that drops the connection mid-window: resends only unanswered SUBMITs, no duplicates', async () => {
    // slow answers keep the window full, so the drop strands answered-on-the-wire and unanswered SUBMITs alike
    server.setFaults({ responseDelayMs: 15, disconnectAfterSubmits: 30 });
    const c = client();
    const reconnects: boolean[] = [];
    c.on('connected', (e) => reconnects.push(e.reconnect));
    await c.connect();
    const messages = Array.from({ length: 60 }, (_, i) => ({
      key: `alm-${i}`,
      to: [`1380000${String(i % 7).padStart(4, '0')}`],
      text: i % 5 === 0 ? `${LONG}#${i}` : `alert ${i}: threshold exceeded`,
      requestReport: true,
    }));
    const outcomes = await Promise.all(messages.map((m) => c.submit(m)));

    const stats = server.stats();
    expect(stats.submits.faultDisconnects).toBe(1);
    expect(stats.connections.total).toBe(2);
    expect(reconnects).toEqual([false, true]);
    expect(c.stats.requeuedAfterDisconnect).toBeGreaterThan(0);
    // every message arrived exactly once, with the Msg_Ids the client was given
    expect(stats.duplicates).toEqual([]);
    const inbox = server.inbox.list();
    expect(inbox).toHaveLength(messages.length);
    for (const [i, m] of messages.entries()) {
      const got = inbox.filter((x) => x.to === m.to[0] && x.text === m.text);
      expect(got).toHaveLength(1);
      expect(got[0].segments).toEqual(outcomes[i].segments);
    }
    // only unanswered SUBMITs were sent again: accepted = distinct segments
    const segments = outcomes.reduce((n, o) => n + o.segments.length, 0);
    expect(stats.submits.accepted).toBe(segments);
  });

  it('delivers reports that were pending when the connection dropped, after the reconnect', async () => {
    server.setFaults({ reportDelayMs: 100 });
    const c = client();
    const reports: CmppReport[] = [];
    c.on('report', (r) => reports.push(r));
    await c.connect();
    const out = await c.submit({ key: 'r1', to: ['13800000001'], text: 'report across a reconnect', requestReport: true });
    server.setFaults({ disconnectAfterSubmits: 0 });
    // this SUBMIT triggers the drop; the client resends it on the next session
    const out2 = await c.submit({ key: 'r2', to: ['13800000002'], text: 'second', requestReport: true });
    await until('both reports', () => reports.length === 2);
    expect(reports.map((r) => r.msgId).sort()).toEqual([out.segments[0].msgId, out2.segments[0].msgId].sort());
  });

  it('retries SUBMITs refused with flow control (Result 8) until they pass', async () => {
    server.setFaults({ flowControlPerSec: 5 });
    const c = client({ flowControlDelayMs: 50 });
    await c.connect();
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.submit({ key: `f${i}`, to: ['13800000003'], text: `flow ${i}`, requestReport: false })));
    expect(server.stats().submits.flowControlRejects).toBeGreaterThan(0);
    expect(c.stats.flowControlRetries).toBe(server.stats().submits.flowControlRejects);
    expect(server.inbox.list('13800000003')).toHaveLength(12);
    expect(server.stats().duplicates).toEqual([]);
  });

  it('resends a SUBMIT the gateway dropped without answering', async () => {
    server.setFaults({ dropSubmitRate: 1 });
    const c = client({ responseTimeoutMs: 100, maxResends: 50 });
    await c.connect();
    const pending = c.submit({ key: 'd1', to: ['13800000004'], text: 'dropped once', requestReport: false });
    await until('a drop', () => server.stats().submits.dropped >= 2);
    server.setFaults({ dropSubmitRate: 0 });
    const out = await pending;
    expect(c.stats.resends).toBeGreaterThanOrEqual(2);
    expect(server.inbox.list('13800000004')[0].segments).toEqual(out.segments);
  });

  it('fails with an "outcome unknown" timeout after the bounded resends, then reconnects', async () => {
    server.setFaults({ dropSubmitRate: 1 });
    const c = client({ responseTimeoutMs: 50, maxResends: 2 });
    await c.connect();
    await expect(c.submit({ key: 't1', to: ['13800000005'], text: 'never answered', requestReport: false })).rejects.toMatchObject({
      name: 'CmppSubmitTimeoutError',
      attempts: 3,
    });
    server.setFaults({ dropSubmitRate: 0 });
    await until('reconnected', () => server.stats().connections.total === 2 && c.stats.state === 'ready');
    await expect(c.submit({ key: 't2', to: ['13800000005'], text: 'after reconnect', requestReport: false })).resolves.toHaveProperty('key', 't2');
  });

  it('shows the limit of resending: a lost SUBMIT_RESP makes the gateway see the message twice', async () => {
    server.setFaults({ loseResponseRate: 1 });
    const c = client({ responseTimeoutMs: 100, maxResends: 5 });
    await c.connect();
    const pending = c.submit({ key: 'l1', to: ['13800000006'], text: 'answer lost', requestReport: false });
    await until('a lost answer', () => server.stats().submits.responsesLost >= 1);
    server.setFaults({ loseResponseRate: 0 });
    await pending;
    expect(server.stats().duplicates).toEqual([{ to: '13800000006', content: 'answer lost', count: 2 }]);
  });

  it('keeps queued messages through a gateway outage and sends them when it is back', async () => {
    const c = client();
    await c.connect();
    await server.stop();
    const pending = c.submit({ key: 'o1', to: ['13800000007'], text: 'sent after outage', requestReport: false });
    await until('client noticed', () => c.stats.state === 'reconnecting');
    server = new SmscServer({ host: '127.0.0.1', port, accounts: [SP] });
    await server.start();
    await pending;
    expect(server.inbox.list('13800000007')).toHaveLength(1);
  });
});
