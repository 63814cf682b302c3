import {
  DeliveryStatusUpdate,
  EmailChannel,
  EscalationEngine,
  EscalationRunner,
  InMemoryEscalationStore,
  loadEscalationPolicies,
  Notice,
  NotificationChannel,
  Recipient,
  StaticRoster,
  VoiceCallResult,
  VoiceChannel,
} from '@app/notify';
import { SystemClock } from '@app/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { waitFor } from './support/env';
import { NotifyEnv } from './support/notify-env';

// The notification channels against their far ends as real processes: mail-sim (SMTP),
// smsc-sim (CMPP 2.0) and voice-sim (voice gateway), then the escalation engine over all three.

const LONG_SMS =
  '【运维告警·严重】区数据共享交换平台前置库同步任务已中断超过十五分钟，市场监管局、人社局、卫健委三个部门的办件数据未能回流，请值班工程师立即登录运维节点检查前置库连接、调度任务与影子表状态，处置后在告警窗口确认并登记工单。';
const ZHANG: Recipient = { id: 'zhang', name: '张工', email: 'zhang@ops.example.cn', phone: '13800000001' };
const LI: Recipient = { id: 'li', name: '李工', email: 'li@ops.example.cn', phone: '13800000002' };

const notice = (alertId: string, over: Partial<Notice> = {}): Notice => ({
  alertId,
  seq: 1,
  kind: 'alert',
  severity: 'MAJOR',
  subject: `【告警】${alertId} 核心交换机 CPU 使用率 95%`,
  body: '资源 SW-01 (10.0.0.1) 的 CPU 使用率连续 5 分钟超过 90%，请及时处理。',
  shortText: `【告警】${alertId} SW-01 CPU 95%`,
  ...over,
});

function collect(channel: NotificationChannel): DeliveryStatusUpdate[] {
  const updates: DeliveryStatusUpdate[] = [];
  channel.onStatusUpdate((u) => updates.push(u));
  return updates;
}

describe('notification channels against the simulators (built apps)', () => {
  let env: NotifyEnv;

  beforeAll(async () => {
    env = await NotifyEnv.start();
  });

  beforeEach(async () => {
    await env.resetAll();
  });

  afterEach(async () => {
    await env.closeClients();
  });

  afterAll(async () => {
    await env?.stop();
  });

  describe('e-mail over SMTP', () => {
    it('delivers the alert mail to the SMTP server, read back through the mail-sim API', async () => {
      const email = env.email();
      const attempt = await email.send(notice('ALM-M1'), ZHANG);
      await email.close();
      expect(attempt).toMatchObject({ channel: 'email', recipient: 'zhang@ops.example.cn', status: 'sent' });
      const mails = await env.mails('zhang@ops.example.cn');
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        subject: '【告警】ALM-M1 核心交换机 CPU 使用率 95%',
        messageId: attempt.providerId,
        envelope: { from: 'ops-alert@district.example.cn', to: ['zhang@ops.example.cn'] },
      });
      expect(mails[0].text?.trim()).toBe('资源 SW-01 (10.0.0.1) 的 CPU 使用率连续 5 分钟超过 90%，请及时处理。');
      expect(mails[0].headers).toMatchObject({ 'x-alert-id': 'ALM-M1', 'x-notice-seq': '1', 'x-alert-severity': 'MAJOR' });
    });

    it('reports a refused recipient and a temporary failure as failed, and an unreachable server as failed', async () => {
      await env.api('mail', 'PUT', '/sim/faults', { rejectRecipients: ['li@ops.example.cn'], tempFailNext: 1 });
      const email = env.email();
      const refused = await email.send(notice('ALM-M2'), LI);
      expect(refused).toMatchObject({ status: 'failed' });
      expect(refused.error).toContain('550');
      const temp = await email.send(notice('ALM-M2'), ZHANG);
      expect(temp).toMatchObject({ status: 'failed' });
      expect(temp.error).toContain('451');
      const retried = await email.send(notice('ALM-M2'), ZHANG);
      expect(retried.status).toBe('sent');
      expect(await env.mails('zhang@ops.example.cn')).toHaveLength(1);
      await email.close();

      // nothing listens on port 9 (discard) here: connection refused, so certainly not sent
      const down = new EmailChannel({ host: '127.0.0.1', port: 9, from: 'ops-alert@district.example.cn', timeoutMs: 1_000 });
      const unreachable = await down.send(notice('ALM-M2'), ZHANG);
      await down.close();
      expect(unreachable.status).toBe('failed');
    });
  });

  describe('SMS over CMPP', () => {
    it('sends through the SMSC simulator and tracks the DELIVRD report to delivered', async () => {
      const { channel } = await env.smsChannel();
      const updates = collect(channel);
      const attempt = await channel.send(notice('ALM-S1'), ZHANG);
      expect(attempt).toMatchObject({ channel: 'sms', recipient: '13800000001' });
      expect(['sent', 'delivered']).toContain(attempt.status);
      await waitFor('the DELIVRD report', () => Promise.resolve(updates.length === 1), 10_000, 20);
      expect(updates[0]).toMatchObject({
        channel: 'sms',
        alertId: 'ALM-S1',
        noticeSeq: 1,
        recipient: '13800000001',
        status: 'delivered',
        detail: 'DELIVRD',
        providerId: attempt.providerId,
      });
      const inbox = await env.sms('13800000001');
      expect(inbox.map((m) => m.text)).toEqual(['【告警】ALM-S1 SW-01 CPU 95%']);
      await channel.close();
    });

    it('tracks an UNDELIV report to failed', async () => {
      await env.api('smsc', 'PUT', '/sim/faults', { statusByNumber: { '13800000002': 'UNDELIV' } });
      const { channel } = await env.smsChannel();
      const updates = collect(channel);
      await channel.send(notice('ALM-S2'), LI);
      await waitFor('the UNDELIV report', () => Promise.resolve(updates.length === 1), 10_000, 20);
      expect(updates[0]).toMatchObject({ status: 'failed', detail: 'UNDELIV', recipient: '13800000002' });
      await channel.close();
    });

    it('delivers a long Chinese SMS (over 70 characters) whole, delivered only when every segment is', async () => {
      expect(Array.from(LONG_SMS).length).toBeGreaterThan(70);
      const { channel } = await env.smsChannel();
      const updates = collect(channel);
      const attempt = await channel.send(notice('ALM-S3', { shortText: LONG_SMS }), ZHANG);
      expect(attempt.providerId!.split(',').length).toBeGreaterThanOrEqual(2);
      await waitFor('the long message delivered', () => Promise.resolve(updates.length === 1), 10_000, 20);
      expect(updates[0]).toMatchObject({ status: 'delivered' });
      const inbox = await env.sms('13800000001');
      expect(inbox).toHaveLength(1);
      expect(inbox[0].text).toBe(LONG_SMS);
      expect(inbox[0].segments.map((s) => s.msgId).join(',')).toBe(attempt.providerId);
      await channel.close();
    });

    it('resends after the SMSC drops the link mid-window: none lost, none twice to the same phone for the same alert', async () => {
      await env.api('smsc', 'PUT', '/sim/faults', { responseDelayMs: 15, disconnectAfterSubmits: 8 });
      const { channel, client } = await env.smsChannel();
      const updates = collect(channel);
      const phones = ['13900000001', '13900000002'];
      const people = phones.map((phone, i) => ({ id: `p${i}`, name: `值班${i}`, phone }));
      const alerts = Array.from({ length: 20 }, (_, i) => notice(`ALM-W${i}`, { shortText: `【告警】ALM-W${i} 前置库同步延迟` }));
      const first = await Promise.all(alerts.flatMap((n) => people.map((p) => channel.send(n, p))));
      expect(first.map((a) => a.status).filter((s) => s !== 'sent' && s !== 'delivered')).toEqual([]);
      // the engine retrying every one of them must not put a second copy on any handset
      const again = await Promise.all(alerts.flatMap((n) => people.map((p) => channel.send(n, p))));
      expect(again.map((a) => a.providerId)).toEqual(first.map((a) => a.providerId));

      const stats = await env.api<{ submits: { faultDisconnects: number }; connections: { total: number }; duplicates: unknown[] }>(
        'smsc',
        'GET',
        '/sim/stats',
      );
      expect(stats.body.submits.faultDisconnects).toBe(1);
      expect(stats.body.connections.total).toBeGreaterThanOrEqual(2);
      expect(stats.body.duplicates).toEqual([]);
      expect(client.stats.requeuedAfterDisconnect).toBeGreaterThan(0);
      for (const phone of phones) {
        const texts = (await env.sms(phone)).map((m) => m.text).sort();
        expect(texts).toEqual(alerts.map((n) => n.shortText!).sort());
      }
      await waitFor('40 delivery reports', () => Promise.resolve(updates.length === 40), 15_000, 50);
      expect(new Set(updates.map((u) => `${u.alertId}/${u.recipient}`)).size).toBe(40);
      expect(updates.every((u) => u.status === 'delivered')).toBe(true);
      await channel.close();
    });
  });

  describe('voice call', () => {
    it('places the call and records its outcome: answered, no answer, busy', async () => {
      await env.api('voice', 'PUT', '/sim/faults', { noAnswer: ['13800000002'], busy: ['13700000003'] });
      const voice = env.voiceChannel();
      const updates = collect(voice);
      const answered = await voice.send(notice('ALM-V1'), ZHANG);
      const unanswered = await voice.send(notice('ALM-V1'), LI);
      const busy = await voice.send(notice('ALM-V1'), { id: 'wang', name: '王工', phone: '13700000003' });
      expect([answered.status, unanswered.status, busy.status]).toEqual(['sent', 'sent', 'sent']);
      await waitFor('three call outcomes', () => Promise.resolve(updates.length === 3), 10_000, 20);
      const byCallee = Object.fromEntries(updates.map((u) => [u.recipient, [u.status, u.detail, u.providerId]]));
      expect(byCallee).toEqual({
        '13800000001': ['delivered', 'answered', answered.providerId],
        '13800000002': ['failed', 'no-answer', unanswered.providerId],
        '13700000003': ['failed', 'busy', busy.providerId],
      });
      const calls = await env.calls('13800000001');
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ callId: answered.providerId, text: '【告警】ALM-V1 SW-01 CPU 95%', status: 'completed', outcome: 'answered' });
      await voice.close();
    });

    it('does not dial twice for a retried request, and reports a gateway outage as failed', async () => {
      const voice = env.voiceChannel();
      const a = await voice.send(notice('ALM-V2'), ZHANG);
      const b = await voice.send(notice('ALM-V2'), ZHANG);
      expect(b.providerId).toBe(a.providerId);
      expect(await env.calls('13800000001')).toHaveLength(1);
      await env.api('voice', 'PUT', '/sim/faults', { down: true });
      const down = await voice.send(notice('ALM-V3'), ZHANG);
      expect(down.status).toBe('failed');
      expect(down.error).toContain('503');
      await voice.close();
    });

    it('takes the outcome from the gateway callback', async () => {
      // the server is up before the channel exists (the channel needs its URL)
      const target: { voice?: VoiceChannel } = {};
      const received: unknown[] = [];
      const forgedAccepted: (boolean | undefined)[] = [];
      const server: Server = createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          const result = JSON.parse(body) as VoiceCallResult;
          received.push(result);
          const sig = new URL(req.url ?? '/', 'http://x').searchParams.get('sig') ?? undefined;
          // a forged outcome (a wrong signature) is ignored
          forgedAccepted.push(target.voice?.handleResult({ ...result, outcome: 'busy' }, 'forged'));
          target.voice?.handleResult(result, sig);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      // polling far slower than the call, so the outcome can only come from the callback in time
      const voice = new VoiceChannel({ baseUrl: env.urls.voice, pollIntervalMs: 60_000, callbackUrl: `http://127.0.0.1:${port}/voice/result` });
      target.voice = voice;
      const updates = collect(voice);
      const attempt = await voice.send(notice('ALM-V4'), ZHANG);
      await waitFor('the callback', () => Promise.resolve(updates.length === 1), 10_000, 20);
      expect(received).toEqual([expect.objectContaining({ callId: attempt.providerId, outcome: 'answered', callee: '13800000001' })]);
      expect(updates[0]).toMatchObject({ status: 'delivered', providerId: attempt.providerId });
      expect(forgedAccepted).toEqual([false]);
      await voice.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  });

  describe('escalation over the real channels', () => {
    it('goes e-mail → SMS → voice on a 1-second response timer, retries a refused mail, stops when acknowledged, then sends the recovery', async () => {
      await env.api('mail', 'PUT', '/sim/faults', { tempFailNext: 1 });
      const email = env.email();
      const { channel: sms } = await env.smsChannel();
      const voice = env.voiceChannel();
      const policies = loadEscalationPolicies({
        policies: [
          {
            name: 'critical',
            severities: ['CRITICAL'],
            responseTimeoutMs: 1_000,
            steps: [
              { notify: ['A'], channels: ['email', 'sms'] },
              { notify: ['B'], channels: ['email', 'sms'] },
            ],
          },
          {
            name: 'standard',
            severities: ['MAJOR', 'MINOR', 'WARNING'],
            responseTimeoutMs: 1_000,
            retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 400 },
            steps: [
              { notify: ['A'], channels: ['email'] },
              { notify: ['A'], channels: ['sms'] },
              { notify: ['A'], channels: ['voice'] },
              { notify: ['B'], channels: ['email', 'sms', 'voice'] },
            ],
          },
        ],
      });
      const engine = new EscalationEngine({
        store: new InMemoryEscalationStore(),
        policies,
        roster: new StaticRoster({ A: [ZHANG], B: [LI] }),
        channels: { email, sms, voice },
        clock: new SystemClock(),
      });
      const runner = new EscalationRunner(engine, 50);
      runner.start();
      try {
        await engine.start({
          alertId: 'ALM-E1',
          severity: 'MAJOR',
          subject: '【告警】ALM-E1 数据交换前置库不可达',
          body: '前置库 fe_amr 连接失败。',
          shortText: '【告警】ALM-E1 前置库 fe_amr 不可达',
        });
        await waitFor('the voice call to A', async () => (await env.calls(ZHANG.phone)).length === 1, 15_000, 25);
        await engine.acknowledge('ALM-E1', 'zhang');

        // well past another response timer: B must never be reached
        await new Promise((r) => setTimeout(r, 2_500));
        expect(await env.mails(LI.email!)).toEqual([]);
        expect(await env.sms(LI.phone)).toEqual([]);
        expect(await env.calls(LI.phone)).toEqual([]);
        expect(await env.mails(ZHANG.email!)).toHaveLength(1);
        expect(await env.sms(ZHANG.phone)).toHaveLength(1);
        expect(await env.calls(ZHANG.phone)).toHaveLength(1);

        await waitFor(
          'the SMS report and the call outcome recorded',
          async () => {
            const a = await engine.attempts('ALM-E1');
            return a.some((x) => x.channel === 'sms' && x.status === 'delivered') && a.some((x) => x.channel === 'voice' && x.status === 'delivered');
          },
          10_000,
          50,
        );
        const attempts = await engine.attempts('ALM-E1');
        expect(attempts.map((a) => [a.step, a.channel, a.recipientId, a.attemptNo, a.status])).toEqual([
          [0, 'email', 'zhang', 1, 'failed'],
          [0, 'email', 'zhang', 2, 'sent'],
          [1, 'sms', 'zhang', 1, 'delivered'],
          [2, 'voice', 'zhang', 1, 'delivered'],
        ]);
        expect(await engine.get('ALM-E1')).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'zhang', step: 2, dueAt: null });

        await engine.resolve('ALM-E1', {
          subject: '【恢复】ALM-E1 前置库已恢复连接',
          body: '前置库 fe_amr 已恢复。',
          shortText: '【恢复】ALM-E1 前置库已恢复',
        });
        await waitFor(
          'the recovery mail and SMS',
          async () => (await env.mails(ZHANG.email!)).length === 2 && (await env.sms(ZHANG.phone)).length === 2,
          10_000,
          50,
        );
        expect((await env.mails(ZHANG.email!)).map((m) => m.subject)).toEqual(['【告警】ALM-E1 数据交换前置库不可达', '【恢复】ALM-E1 前置库已恢复连接']);
        expect((await env.sms(ZHANG.phone)).map((m) => m.text)).toEqual(['【告警】ALM-E1 前置库 fe_amr 不可达', '【恢复】ALM-E1 前置库已恢复']);
      } finally {
        await runner.stop();
        await engine.close();
        await Promise.all([email.close(), sms.close(), voice.close()]);
      }
    });
  });
});
