import { ChannelKind, NoticeSeverity, Recipient } from '../model/notice';
import { FakeChannel } from '../testing/fake-channel';
import { ManualClock } from '../testing/manual-clock';
import { EscalationEngine } from './escalation-engine';
import { InMemoryEscalationStore } from './escalation-store';
import { DEFAULT_POLICIES, loadEscalationPolicies } from './policy';
import { StaticRoster } from './roster';

const MIN = 60_000;
const A: Recipient = { id: 'zhang', name: '张工', email: 'zhang@ops.example.cn', phone: '13800000001' };
const B: Recipient = { id: 'li', name: '李工', email: 'li@ops.example.cn', phone: '13800000002' };

function setup(policies: unknown = DEFAULT_POLICIES) {
  const clock = new ManualClock();
  const channels = {
    email: new FakeChannel('email', () => clock.now()),
    sms: new FakeChannel('sms', () => clock.now()),
    voice: new FakeChannel('voice', () => clock.now()),
  };
  const store = new InMemoryEscalationStore();
  const engine = new EscalationEngine({ store, policies: loadEscalationPolicies(policies), roster: new StaticRoster({ A: [A], B: [B] }), channels, clock });
  const sent = () =>
    [...channels.email.sends, ...channels.sms.sends, ...channels.voice.sends]
      .sort((x, y) => x.attempt.at.getTime() - y.attempt.at.getTime() || order(x.attempt.channel) - order(y.attempt.channel))
      .map((s) => `${s.notice.kind}:${s.recipient.id}:${s.attempt.channel}`);
  const at = async (ms: number) => {
    clock.advance(ms);
    await engine.tick();
  };
  return { clock, channels, store, engine, sent, at };
}

function order(c: ChannelKind): number {
  return ['email', 'sms', 'voice'].indexOf(c);
}

const alert = (severity: NoticeSeverity = 'MAJOR', alertId = 'ALM-1') => ({
  alertId,
  severity,
  subject: '【告警】核心交换机 CPU 使用率 95%',
  body: '资源 SW-01 的 CPU 使用率连续 5 分钟超过 90%。',
});

describe('EscalationEngine', () => {
  it('escalates e-mail → SMS → voice to A, then B, while nobody acknowledges', async () => {
    const { engine, sent, at } = setup();
    await engine.start(alert());
    expect(sent()).toEqual(['alert:zhang:email']);
    await at(20 * MIN - 1);
    expect(sent()).toEqual(['alert:zhang:email']);
    await at(1);
    expect(sent()).toEqual(['alert:zhang:email', 'alert:zhang:sms']);
    await at(20 * MIN);
    expect(sent()).toEqual(['alert:zhang:email', 'alert:zhang:sms', 'alert:zhang:voice']);
    await at(20 * MIN);
    expect(sent().slice(3)).toEqual(['alert:li:email', 'alert:li:sms', 'alert:li:voice']);
    await at(20 * MIN);
    const state = await engine.get('ALM-1');
    expect(state).toMatchObject({ status: 'exhausted', step: 3, nextStepAt: null, dueAt: null });
    const attempts = await engine.attempts('ALM-1');
    expect(attempts.map((a) => [a.step, a.recipientId, a.channel, a.status])).toEqual([
      [0, 'zhang', 'email', 'sent'],
      [1, 'zhang', 'sms', 'sent'],
      [2, 'zhang', 'voice', 'sent'],
      [3, 'li', 'email', 'sent'],
      [3, 'li', 'sms', 'sent'],
      [3, 'li', 'voice', 'sent'],
    ]);
  });

  it('a repeat reminds everyone notified so far with a new notice number, keeps the step, and nothing after acknowledgement', async () => {
    const { engine, channels, sent, at } = setup();
    await engine.start(alert());
    await at(20 * MIN); // A by e-mail, then A by SMS
    await at(1);
    const before = sent().length;
    await engine.repeat({ ...alert(), subject: '【重复提醒】核心交换机 CPU 使用率 95%' });
    expect(sent().slice(before)).toEqual(['alert:zhang:email', 'alert:zhang:sms']);
    expect(channels.sms.sends.map((x) => x.notice.seq)).toEqual([1, 2]);
    expect(channels.sms.sends[1].notice.subject).toContain('重复提醒');
    expect(await engine.get('ALM-1')).toMatchObject({ status: 'active', step: 1 });
    await at(20 * MIN); // the timer still runs: voice to A, under the repeat's notice
    expect(channels.voice.sends.map((x) => [x.recipient.id, x.notice.seq])).toEqual([['zhang', 2]]);
    await engine.acknowledge('ALM-1', 'zhang');
    const acked = sent().length;
    await engine.repeat(alert());
    expect(sent().length).toBe(acked);
  });

  it('a repeat for an alert never escalated starts its escalation', async () => {
    const { engine, sent } = setup();
    await engine.repeat(alert());
    expect(sent()).toEqual(['alert:zhang:email']);
  });

  it('stops escalating once acknowledged', async () => {
    const { engine, sent, at } = setup();
    await engine.start(alert());
    await at(20 * MIN);
    expect(sent()).toEqual(['alert:zhang:email', 'alert:zhang:sms']);
    const acked = await engine.acknowledge('ALM-1', 'zhang');
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'zhang', nextStepAt: null, dueAt: null });
    await at(3 * 20 * MIN);
    expect(sent()).toEqual(['alert:zhang:email', 'alert:zhang:sms']);
  });

  it('cancels retries still pending when acknowledged', async () => {
    const { engine, channels, at } = setup();
    channels.email.answer('failed');
    await engine.start(alert());
    await engine.acknowledge('ALM-1', 'zhang');
    await at(10 * MIN);
    expect(channels.email.sends).toHaveLength(1);
    expect((await engine.get('ALM-1'))!.tasks.map((t) => t.state)).toEqual(['cancelled']);
  });

  it('notifies B only when A has not acknowledged within the response timer', async () => {
    const policies = {
      policies: [
        {
          name: 'ab',
          severities: ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'],
          responseTimeoutMinutes: 20,
          steps: [
            { notify: ['A'], channels: ['email', 'sms'] },
            { notify: ['B'], channels: ['email', 'sms'] },
          ],
        },
      ],
    };
    const first = setup(policies);
    await first.engine.start(alert());
    expect(first.sent()).toEqual(['alert:zhang:email', 'alert:zhang:sms']);
    await first.at(19 * MIN);
    expect(first.sent().some((s) => s.includes(':li:'))).toBe(false);
    await first.at(1 * MIN);
    expect(first.sent().slice(2)).toEqual(['alert:li:email', 'alert:li:sms']);

    const second = setup(policies);
    await second.engine.start(alert());
    await second.at(10 * MIN);
    await second.engine.acknowledge('ALM-1', 'zhang');
    await second.at(30 * MIN);
    expect(second.sent().some((s) => s.includes(':li:'))).toBe(false);
  });

  it('uses two channels at the first step of a critical alert', async () => {
    const { engine, sent } = setup();
    await engine.start(alert('CRITICAL'));
    expect(sent()).toEqual(['alert:zhang:email', 'alert:zhang:sms']);
  });

  it('always sends the recovery notice to everyone notified, acknowledged or not', async () => {
    const { engine, channels, sent, at } = setup();
    await engine.start(alert());
    for (let i = 0; i < 3; i++) await at(20 * MIN); // A: e-mail, SMS, voice; B: all three
    await engine.acknowledge('ALM-1', 'li');
    const resolved = await engine.resolve('ALM-1', { subject: '【恢复】核心交换机 CPU 使用率恢复正常', body: '资源 SW-01 的 CPU 使用率已降至 40%。' });
    expect(resolved).toMatchObject({ status: 'resolved', recoveryNotice: { seq: 2, kind: 'recovery' } });
    expect(
      sent()
        .filter((s) => s.startsWith('recovery:'))
        .sort(),
    ).toEqual(['recovery:li:email', 'recovery:li:sms', 'recovery:zhang:email', 'recovery:zhang:sms']);
    expect(channels.sms.sends.filter((s) => s.notice.kind === 'recovery').map((s) => s.notice.subject)).toEqual([
      '【恢复】核心交换机 CPU 使用率恢复正常',
      '【恢复】核心交换机 CPU 使用率恢复正常',
    ]);
    // resolving twice sends nothing more
    await engine.resolve('ALM-1', { subject: 'again', body: 'again' });
    expect(sent().filter((s) => s.startsWith('recovery:'))).toHaveLength(4);
  });

  it('sends the recovery notice even when the alert is resolved before anyone acknowledged, and retries it', async () => {
    const { engine, channels, at } = setup();
    await engine.start(alert());
    channels.email.answer('unknown');
    await engine.resolve('ALM-1', { subject: '【恢复】', body: '已恢复' });
    await at(5_000);
    const recovery = (await engine.attempts('ALM-1')).filter((a) => a.noticeKind === 'recovery');
    expect(recovery.map((a) => [a.recipientId, a.channel, a.status, a.attemptNo])).toEqual([
      ['zhang', 'email', 'unknown', 1],
      ['zhang', 'sms', 'sent', 1],
      ['zhang', 'email', 'sent', 2],
    ]);
    await at(40 * MIN);
    expect(channels.sms.sends.filter((s) => s.notice.kind === 'alert')).toHaveLength(0);
  });

  it('retries a failed delivery with growing backoff, recording every attempt', async () => {
    const { engine, channels, at } = setup();
    channels.email.answer('failed', 'unknown');
    await engine.start(alert());
    await at(4_999);
    expect(channels.email.sends).toHaveLength(1);
    await at(1); // 5 s after the first try
    expect(channels.email.sends).toHaveLength(2);
    await at(9_999);
    expect(channels.email.sends).toHaveLength(2);
    await at(1); // 10 s after the second
    expect(channels.email.sends).toHaveLength(3);
    const attempts = await engine.attempts('ALM-1');
    expect(attempts.map((a) => [a.attemptNo, a.status])).toEqual([
      [1, 'failed'],
      [2, 'unknown'],
      [3, 'sent'],
    ]);
    expect(attempts[0].error).toBe('scripted failed');
  });

  it('escalates at once when every delivery of a step has failed for good', async () => {
    const { engine, channels, sent, at } = setup();
    channels.email.answer('failed', 'failed', 'failed', 'failed');
    await engine.start(alert());
    await at(5_000);
    await at(10_000);
    await at(20_000); // fourth and last try fails
    expect(channels.email.sends).toHaveLength(4);
    await at(0);
    expect(sent().at(-1)).toBe('alert:zhang:sms');
    expect((await engine.get('ALM-1'))!.tasks[0].state).toBe('gave-up');
  });

  it('records the later outcome a channel reports (DELIVRD, no answer)', async () => {
    const { engine, channels, at } = setup();
    await engine.start(alert());
    await at(20 * MIN);
    await at(20 * MIN);
    channels.sms.report(channels.sms.sends[0], 'delivered', 'DELIVRD');
    channels.voice.report(channels.voice.sends[0], 'failed', 'no-answer');
    await engine.settled();
    const byChannel = Object.fromEntries((await engine.attempts('ALM-1')).map((a) => [a.channel, a]));
    expect(byChannel.sms).toMatchObject({ status: 'delivered', detail: 'DELIVRD' });
    expect(byChannel.voice).toMatchObject({ status: 'failed', detail: 'no-answer', error: 'no-answer' });
    expect(byChannel.email).toMatchObject({ status: 'sent' });
  });

  it('starts an alert once however often it is handed over', async () => {
    const { engine, channels } = setup();
    await Promise.all([engine.start(alert()), engine.start(alert()), engine.start(alert())]);
    expect(channels.email.sends).toHaveLength(1);
  });

  it('records a failed attempt for a channel that is not configured, then escalates', async () => {
    const clock = new ManualClock();
    const email = new FakeChannel('email', () => clock.now());
    const engine = new EscalationEngine({
      store: new InMemoryEscalationStore(),
      policies: loadEscalationPolicies(),
      roster: new StaticRoster({ A: [A], B: [B] }),
      channels: { email },
      clock,
    });
    await engine.start(alert('CRITICAL'));
    const attempts = (await engine.attempts('ALM-1')).sort((x, y) => x.channel.localeCompare(y.channel));
    expect(attempts.map((a) => [a.channel, a.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'failed'],
    ]);
    expect(attempts[1].error).toContain('未配置');
  });
});
