import { ACCOUNTS } from './support/accounts';
import { freePort, SIM_CONTROL_TOKEN, waitFor } from './support/env';
import { SMSC_SP } from './support/notify-env';
import { OpsEnv } from './support/ops-env';
import { RunningApp, startApp } from './support/processes';
import { MonitoringClient } from './support/ops-monitoring';
import { ApiAttempt, ON_CALL_A, ON_CALL_B, OpsNotifyEnv } from './support/ops-notify-env';

jest.setTimeout(240_000);

// the reference the SMS and voice texts end with (编号xxxxxxxx), so a handset's messages can be told apart
const ref = (alertId: string) => `编号${alertId.replace(/^ALM-/, '').slice(0, 8)}`;
const ok = (a: ApiAttempt) => a.status === 'sent' || a.status === 'delivered';

describe('ops node alerts reach the people on call: e-mail → SMS → voice through the simulators (built apps)', () => {
  let env: OpsNotifyEnv;
  let api: MonitoringClient;
  let critical: string;
  let major: string;
  let people: { id: number; name: string; role: string }[];
  const recipientOf = (name: string) => `P${people.find((p) => p.name === name)!.id}`;

  beforeAll(async () => {
    // a step waits 3 s for an acknowledgement before the next one goes out
    env = await OpsNotifyEnv.start({ ESCALATION_RESPONSE_MS: '3000' });
    api = new MonitoringClient(env.ops);
    people = (await api.get<{ people: { id: number; name: string; role: string }[] }>('/on-call')).people;
    await api.createRule({
      name: '核心交换机温度过高',
      metric: 'temperature',
      resourceId: 'NET-CORE-01',
      comparator: '>=',
      threshold: 70,
      recoveryThreshold: 60,
      forSeconds: 0,
      severity: 'CRITICAL',
    });
    await api.createRule({
      name: '防火墙温度过高',
      metric: 'temperature',
      resourceId: 'FW-01',
      comparator: '>=',
      threshold: 70,
      recoveryThreshold: 60,
      forSeconds: 0,
      severity: 'MAJOR',
    });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('seeds the on-call table from the configuration, with nothing missing for the policies', async () => {
    const roster = await api.get<{ people: { name: string; role: string; email: string; mobile: string }[]; problems: string[] }>('/on-call');
    expect(roster.people).toEqual([
      expect.objectContaining({ name: ON_CALL_A.name, role: 'A', email: ON_CALL_A.email, mobile: ON_CALL_A.mobile }),
      expect.objectContaining({ name: ON_CALL_B.name, role: 'B', mobile: ON_CALL_B.mobile }),
    ]);
    expect(roster.problems).toEqual([]);
    const channels = await api.get<{ channels: { kind: string; enabled: boolean }[]; problems: string[] }>('/notifications/channels');
    expect(channels.channels.map((c) => [c.kind, c.enabled])).toEqual([
      ['email', true],
      ['sms', true],
      ['voice', true],
    ]);
    expect(channels.problems).toEqual([]);
  });

  it('climbs mail + SMS → voice → B for an unacknowledged critical alert, and stops an acknowledged one after its first step', async () => {
    critical = (await api.push([{ resourceId: 'NET-CORE-01', metric: 'temperature', value: 82, unit: '℃' }])).fired[0];
    major = (await api.push([{ resourceId: 'FW-01', metric: 'temperature', value: 75, unit: '℃' }])).fired[0];
    expect(critical).toBeDefined();
    expect(major).toBeDefined();

    // the major alert's first step (e-mail and SMS to A, two channels at once) goes out; A acknowledges it then
    await waitFor(
      'the first step of the major alert',
      async () => {
        const a = await env.attempts(major);
        return ['email', 'sms'].every((ch) => a.some((x) => x.channel === ch && ok(x)));
      },
      20_000,
      100,
    );
    await api.send('POST', `/alerts/${major}/ack`, { comment: '已到机房查看' });

    // the critical alert: e-mail and SMS to A at once (two channels), the SMS report tracked to delivered
    const mail = await waitFor('the critical alert mail at A', async () => (await env.mailsOf(critical, ON_CALL_A.email, 'alert'))[0], 20_000, 100);
    expect(mail.subject).toBe('【运维告警·紧急】核心交换机温度过高：NET-CORE-01');
    expect(mail.text).toContain(`告警编号：${critical}`);
    const sms = await waitFor(
      'the critical alert SMS at A',
      async () => (await env.sims.sms(ON_CALL_A.mobile)).find((m) => m.text.includes(ref(critical))),
      20_000,
      100,
    );
    expect(sms.text).toContain('【运维告警·紧急】NET-CORE-01 核心交换机温度过高');
    const smsAttempt = await waitFor(
      'the DELIVRD report on the SMS attempt',
      async () => (await env.attempts(critical)).find((a) => a.channel === 'sms' && a.noticeKind === 'alert' && a.status === 'delivered'),
      20_000,
      100,
    );
    expect(smsAttempt).toMatchObject({
      recipient: ON_CALL_A.mobile,
      recipientId: recipientOf(ON_CALL_A.name),
      step: 1,
      detail: 'DELIVRD',
      providerId: sms.segments.map((s) => s.msgId).join(','),
    });

    // nobody acknowledges: the voice call to A, then B over every channel
    const call = await waitFor(
      'the voice call to A',
      async () => (await env.sims.calls(ON_CALL_A.mobile)).find((c) => c.requestId?.startsWith(`${critical}:`)),
      30_000,
      100,
    );
    expect(call.text).toContain(ref(critical));
    await waitFor(
      'the call outcome on the voice attempt',
      async () => (await env.attempts(critical)).some((a) => a.channel === 'voice' && a.step === 2 && a.status === 'delivered'),
      20_000,
      100,
    );
    await waitFor(
      'B reached by e-mail, SMS and voice',
      async () => {
        const b = (await env.attempts(critical)).filter((a) => a.recipientId === recipientOf(ON_CALL_B.name) && a.noticeKind === 'alert');
        return ['email', 'sms', 'voice'].every((ch) => b.some((a) => a.channel === ch && ok(a)));
      },
      30_000,
      100,
    );
    expect(await env.mailsOf(critical, ON_CALL_B.email, 'alert')).toHaveLength(1);
    expect((await env.sims.sms(ON_CALL_B.mobile)).filter((m) => m.text.includes(ref(critical)))).toHaveLength(1);
    expect((await env.sims.calls(ON_CALL_B.mobile)).filter((c) => c.requestId?.startsWith(`${critical}:`))).toHaveLength(1);
    const [esc] = await env.escalations(critical);
    expect(esc).toMatchObject({ policy: 'critical', currentStep: 3 });
    expect(esc.steps.map((s) => [s.roles, s.channels, s.reached])).toEqual([
      [['A'], ['email', 'sms'], true],
      [['A'], ['voice'], true],
      [['B'], ['email', 'sms', 'voice'], true],
    ]);

    // by now the major alert's timer has run out twice over: it stayed at its first step
    const [majorEsc] = await env.escalations(major);
    expect(majorEsc).toMatchObject({ policy: 'standard', status: 'acknowledged', acknowledgedBy: ACCOUNTS.opsAdmin.username, currentStep: 1 }); // the account that acknowledged
    // its first step reached A over two channels at once (e-mail and SMS; before: e-mail only), nothing more
    expect(majorEsc.attempts.map((a) => [a.step, a.channel, a.recipientId]).sort()).toEqual([
      [1, 'email', recipientOf(ON_CALL_A.name)],
      [1, 'sms', recipientOf(ON_CALL_A.name)],
    ]);
    expect((await env.sims.sms(ON_CALL_A.mobile)).filter((m) => m.text.includes(ref(major)))).toHaveLength(1);
    expect((await env.sims.sms(ON_CALL_B.mobile)).filter((m) => m.text.includes(ref(major)))).toEqual([]);
    for (const phone of [ON_CALL_A.mobile, ON_CALL_B.mobile])
      expect((await env.sims.calls(phone)).filter((c) => c.requestId?.startsWith(`${major}:`))).toEqual([]);
    expect(await env.mailsOf(major, ON_CALL_B.email)).toEqual([]);
  });

  it('sends the recovery notice to everyone who was told when the alert resolves, and records every attempt', async () => {
    const resolved = await api.push([{ resourceId: 'NET-CORE-01', metric: 'temperature', value: 40, unit: '℃' }]);
    expect(resolved.resolved).toEqual([critical]);
    for (const person of [ON_CALL_A, ON_CALL_B]) {
      const mail = await waitFor(`the recovery mail at ${person.name}`, async () => (await env.mailsOf(critical, person.email, 'recovery'))[0], 20_000, 100);
      expect(mail.subject).toBe('【运维告警恢复】核心交换机温度过高：NET-CORE-01');
      await waitFor(
        `the recovery SMS at ${person.name}`,
        async () => (await env.sims.sms(person.mobile)).some((m) => m.text === `【运维告警恢复】NET-CORE-01 核心交换机温度过高 已恢复正常。${ref(critical)}`),
        20_000,
        100,
      );
    }
    const [esc] = await waitFor(
      'the escalation resolved with its recovery delivered',
      async () => {
        const e = await env.escalations(critical);
        return e[0]?.status === 'resolved' && e[0].recovery?.deliveries.every((d) => d.state === 'done') ? e : undefined;
      },
      20_000,
      100,
    );
    // one successful attempt for each person × channel of the alert notice (steps) and of the recovery
    const a = recipientOf(ON_CALL_A.name);
    const b = recipientOf(ON_CALL_B.name);
    const delivered = new Set(esc.attempts.filter(ok).map((x) => `${x.noticeKind}/${x.recipientId}/${x.channel}`));
    expect([...delivered].sort()).toEqual(
      [
        `alert/${a}/email`,
        `alert/${a}/sms`,
        `alert/${a}/voice`,
        `alert/${b}/email`,
        `alert/${b}/sms`,
        `alert/${b}/voice`,
        `recovery/${a}/email`,
        `recovery/${a}/sms`,
        `recovery/${b}/email`,
        `recovery/${b}/sms`,
      ].sort(),
    );
    expect(esc.attempts.every((x) => x.recipient !== '' && x.attemptNo >= 1)).toBe(true);
    // both views list the same attempts (a status report may update one between the two reads)
    expect((await env.attempts(critical)).map((x) => [x.id, x.channel, x.recipientId, x.noticeKind])).toEqual(
      esc.attempts.map((x) => [x.id, x.channel, x.recipientId, x.noticeKind]),
    );

    // the acknowledged major alert recovers too: A, who was told, hears of it
    await api.push([{ resourceId: 'FW-01', metric: 'temperature', value: 40, unit: '℃' }]);
    await waitFor('the recovery mail of the major alert at A', async () => (await env.mailsOf(major, ON_CALL_A.email, 'recovery')).length === 1, 20_000, 100);

    // every step and every delivery outcome is in the system log
    const log = await api.log(`alertId=${critical}&category=NOTIFY`);
    const events = log.map((l) => l.event);
    expect(events.filter((e) => e === 'NOTIFY_STEP')).toHaveLength(3);
    expect(events.filter((e) => e === 'NOTIFY_ATTEMPT')).toHaveLength(esc.attempts.length);
    expect(events.filter((e) => e === 'NOTIFY_STATUS').length).toBeGreaterThanOrEqual(2); // SMS report, call outcome
    expect(events).toContain('NOTIFY_RECOVERY');
    // the alert's own history stays its lifecycle
    const detail = await api.get<{ history: { event: string }[] }>(`/alerts/${critical}`);
    expect(detail.history.map((h) => h.event)).toEqual(['ALERT_FIRING', 'ALERT_RESOLVED']);
  });

  it('takes edits of the on-call table and names what a change leaves uncovered', async () => {
    const added = await api.send<{ person: { id: number; role: string }; problems: string[] }>('POST', '/on-call', {
      name: '王备班',
      role: 'B',
      email: 'wang@slq.example.gov.cn',
      mobile: '13800000023',
    });
    expect(added.person).toMatchObject({ role: 'B' });
    expect(added.problems).toEqual([]);
    const changed = await api.send<{ problems: string[] }>('PUT', `/on-call/${added.person.id}`, {
      name: '王备班',
      role: 'B',
      email: 'wang@slq.example.gov.cn',
    });
    expect(changed.problems.some((p) => p.includes('王备班') && p.includes('sms'))).toBe(true);
    const removed = await api.send<{ problems: string[] }>('DELETE', `/on-call/${added.person.id}`);
    expect(removed.problems).toEqual([]);
    const bad = await fetch(`${env.ops.opsUrl}/ops/api/on-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await env.ops.authFor(`${env.ops.opsUrl}/ops/api/`)) },
      body: JSON.stringify({ name: '赵', role: 'C', mobile: '12345' }),
    });
    expect(bad.status).toBe(400);
    // the actor is the session's account, never a name in the body
    expect((await api.log('category=NOTIFY&event=ON_CALL_ADDED'))[0].actor).toBe('opsadmin');
  });
});

describe('ops node with its notification far ends down (built apps)', () => {
  let ops: OpsEnv;
  let smsc: RunningApp | undefined;
  let ports: { cmpp: number; smscHttp: number; smtp: number; voice: number };

  beforeAll(async () => {
    ports = { cmpp: await freePort(), smscHttp: await freePort(), smtp: await freePort(), voice: await freePort() };
    ops = await OpsEnv.create();
    // nothing listens on these ports yet
    await ops.startOps({
      SMTP_PORT: String(ports.smtp),
      CMPP_PORT: String(ports.cmpp),
      CMPP_SP_ID: SMSC_SP.spId,
      CMPP_SECRET: SMSC_SP.secret,
      CMPP_SRC_ID: SMSC_SP.srcId,
      VOICE_GATEWAY_URL: `http://127.0.0.1:${ports.voice}`,
      SMS_SEND_TIMEOUT_MS: '1000',
      ESCALATION_RESPONSE_MS: '600000',
      ON_CALL_SEED: JSON.stringify([ON_CALL_A, ON_CALL_B]),
      ALERT_GROUP_WINDOW_SECONDS: '0',
      ALERT_NOTIFY_TICK_MS: '200',
      ESCALATION_TICK_MS: '100',
      ESCALATION_OUTBOX_POLL_MS: '200',
    });
  });

  afterAll(async () => {
    await smsc?.stop();
    await ops?.close();
  });

  it('starts, records the failed and unknown deliveries, and sends the queued SMS once the gateway comes up', async () => {
    const api = new MonitoringClient(ops);
    await api.createRule({
      name: '核心交换机温度过高',
      metric: 'temperature',
      resourceId: 'NET-CORE-01',
      comparator: '>=',
      threshold: 70,
      forSeconds: 0,
      severity: 'CRITICAL',
    });
    const id = (await api.push([{ resourceId: 'NET-CORE-01', metric: 'temperature', value: 82 }])).fired[0];
    const attempts = (q = '') => ops.json<ApiAttempt[]>(`${ops.opsUrl}/ops/api/notifications/attempts?alertId=${id}${q}`);
    const early = await waitFor(
      'the first tries of e-mail and SMS',
      async () => {
        const a = await attempts();
        return a.some((x) => x.channel === 'email') && a.some((x) => x.channel === 'sms') ? a : undefined;
      },
      20_000,
      100,
    );
    expect(early.find((x) => x.channel === 'email')).toMatchObject({ status: 'failed', recipient: ON_CALL_A.email });
    expect(early.find((x) => x.channel === 'sms')).toMatchObject({ status: 'unknown', recipient: ON_CALL_A.mobile });
    expect((await fetch(`${ops.opsUrl}/health/live`)).status).toBe(200);

    smsc = await startApp(
      'smsc-sim',
      {
        SIM_CONTROL_TOKEN,
        PORT: String(ports.smscHttp),
        CMPP_PORT: String(ports.cmpp),
        SMSC_ACCOUNTS: `${SMSC_SP.spId}:${SMSC_SP.secret}`,
        SMSC_REPORT_DELAY_MS: '30',
      },
      `http://127.0.0.1:${ports.smscHttp}/sim/stats`,
    );
    await waitFor(
      'the queued SMS delivered after the gateway came up',
      async () => (await attempts()).some((x) => x.channel === 'sms' && x.status === 'delivered'),
      60_000,
      200,
    );
    const inbox = (await (
      await fetch(`http://127.0.0.1:${ports.smscHttp}/sim/inbox?to=${ON_CALL_A.mobile}`, { headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}` } })
    ).json()) as { messages: { text: string }[] };
    expect(inbox.messages.filter((m) => m.text.includes(ref(id)))).toHaveLength(1);
    // the e-mail keeps failing and is retried, every try recorded
    await waitFor('a second e-mail try', async () => (await attempts()).filter((x) => x.channel === 'email').length >= 2, 30_000, 200);
    expect((await attempts()).filter((x) => x.channel === 'email').every((x) => x.status === 'failed')).toBe(true);
  });
});
