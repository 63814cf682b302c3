import { CALLBACK_SOAP, SoapNotificationClient, Stage } from '@app/exchange-contract';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { ClerkClient } from './support/clerk-client';
import { freePort, SIM_CONTROL_TOKEN, waitFor } from './support/env';
import { CLERK, ExchangeEnv } from './support/exchange-env';
import { RunningApp, startApp } from './support/processes';
import { assertMatchesSchema, OpenApiDoc } from './support/response-shape';

// SMS to the applicant on 补正补齐 and 办结 (docs/applicant-sms.md): the real platform, the real
// department simulator and the real SMSC simulator (CMPP 2.0) as child processes, on a real MariaDB.

const SP = { spId: '901234', secret: 'applicant-sms-e2e-secret', srcId: '106900007100' };
const PHONE = '13800000000'; // what ClerkClient.register gives every applicant

interface SmsView {
  event: 'SUPPLEMENT' | 'CONCLUDED';
  eventLabel: string;
  version: number;
  state: string;
  stateLabel: string;
  phone: string;
  content: string;
  queuedAt: string;
  submittedAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  stat: string | null;
  attempts: number;
  note: string | null;
}
interface Detail {
  state: string;
  sms: SmsView[];
  timeline: { step: string; label: string; version: number; at: string; note?: string | null }[];
  versions: { version: number; supplementRequest: { materials: { code: string }[] } | null }[];
  supplement: { materials: { code: string; name: string | null }[] } | null;
}
interface InboxMessage {
  to: string;
  text: string;
  segments: { msgId: string; seq: number }[];
}

/** The SMSC simulator on fixed ports, so that it can be stopped and started again where the platform looks for it. */
class Smsc {
  app?: RunningApp;
  private constructor(
    readonly httpPort: number,
    readonly cmppPort: number,
  ) {}

  static async create(): Promise<Smsc> {
    return new Smsc(await freePort(), await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  async start(): Promise<void> {
    this.app = await startApp(
      'smsc-sim',
      {
        SIM_CONTROL_TOKEN,
        PORT: String(this.httpPort),
        CMPP_PORT: String(this.cmppPort),
        SMSC_ACCOUNTS: `${SP.spId}:${SP.secret}`,
        SMSC_REPORT_DELAY_MS: '50',
      },
      `${this.url}/sim/stats`,
    );
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
  }

  /** What the handset of PHONE received about one application (the inbox reassembles long messages). */
  async received(applyNo: string): Promise<InboxMessage[]> {
    const res = await fetch(`${this.url}/sim/inbox?to=${PHONE}`, { headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: InboxMessage[] };
    return body.messages.filter((m) => m.text.includes(applyNo));
  }

  async duplicates(): Promise<unknown[]> {
    const res = await fetch(`${this.url}/sim/stats`, { headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}` } });
    return ((await res.json()) as { duplicates: unknown[] }).duplicates;
  }
}

function platformSmsEnv(smsc: Smsc): NodeJS.ProcessEnv {
  return {
    CMPP_HOST: '127.0.0.1',
    CMPP_PORT: String(smsc.cmppPort),
    CMPP_SP_ID: SP.spId,
    CMPP_SECRET: SP.secret,
    CMPP_SRC_ID: SP.srcId,
    APPLICANT_SMS_POLL_MS: '200',
    APPLICANT_SMS_BACKOFF_MS: '300',
    APPLICANT_SMS_BACKOFF_MAX_MS: '1000',
  };
}

async function detail(clerk: ClerkClient, applyNo: string): Promise<Detail> {
  return (await clerk.get(applyNo)) as unknown as Detail;
}

function waitForSms(clerk: ClerkClient, applyNo: string, event: SmsView['event'], state: string, timeoutMs = 30_000): Promise<SmsView> {
  return waitFor(
    `${applyNo} ${event} SMS ${state}`,
    async () => (await detail(clerk, applyNo)).sms.find((s) => s.event === event && s.state === state),
    timeoutMs,
  );
}

/** Answers the 补正补齐 of version 1 with version 2 (the flagged materials uploaded again) and submits it. */
async function answerSupplement(clerk: ClerkClient, applyNo: string): Promise<void> {
  const app = await detail(clerk, applyNo);
  const asked = app.versions.find((v) => v.version === 1)!.supplementRequest!.materials.map((m) => m.code);
  await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
  for (const code of asked) await clerk.upload(applyNo, code, `${code} again`);
  await clerk.submit(applyNo);
}

async function smsRows(env: ExchangeEnv, applyNo: string): Promise<{ event: string; state: string; phone: string }[]> {
  return env.platformQuery('SELECT event, state, phone FROM applicant_sms WHERE apply_no = ? ORDER BY id', [applyNo]);
}

describe('SMS to the applicant over CMPP', () => {
  let env: ExchangeEnv;
  let smsc: Smsc;
  let clerk: ClerkClient;
  let doc: OpenApiDoc;
  let delivered: string | undefined;

  beforeAll(async () => {
    smsc = await Smsc.create();
    await smsc.start();
    // every version 1 gets a 补正补齐, its version 2 受理 and 办结
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 }, platformEnv: { ...platformSmsEnv(smsc), API_DOCS: 'on' } });
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await env.clerk();
    doc = (await (await fetch(`${env.platformUrl}/api/docs-json`)).json()) as OpenApiDoc;
  });

  afterAll(async () => {
    await env?.close();
    await smsc?.stop();
  });

  it('sends one SMS on 补正补齐 and one on 办结, delivered per the status reports, shown in the detail and the timeline', async () => {
    const applyNo = await clerk.apply('AMR-001');
    await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    const supplement = await waitForSms(clerk, applyNo, 'SUPPLEMENT', 'DELIVERED');
    expect(supplement).toMatchObject({
      version: 1,
      eventLabel: '补正补齐通知',
      stateLabel: '短信已送达',
      phone: '138****0000',
      stat: 'DELIVRD',
      attempts: 1,
      note: null,
    });
    expect(supplement.submittedAt).toMatch(/\+08:00$/);
    expect(supplement.deliveredAt).toMatch(/\+08:00$/);

    // the handset got exactly this text once: the number, the item, the flagged material by name, what to do
    const flagged = (await detail(clerk, applyNo)).supplement!.materials.map((m) => m.name!);
    const first = await smsc.received(applyNo);
    expect(first.map((m) => m.text)).toEqual([supplement.content]);
    expect(supplement.content).toContain(`申报号 ${applyNo}`);
    expect(supplement.content).toContain('企业设立登记');
    for (const name of flagged) expect(supplement.content).toContain(name);
    expect(supplement.content).toContain('上传后重新提交');

    await answerSupplement(clerk, applyNo);
    await clerk.waitForState(applyNo, 'CONCLUDED');
    const concluded = await waitForSms(clerk, applyNo, 'CONCLUDED', 'DELIVERED');
    expect(concluded).toMatchObject({ version: 2, eventLabel: '办结通知', phone: '138****0000' });
    expect(concluded.content).toContain(`申报号 ${applyNo}`);
    expect(concluded.content).toContain('已办结，审批结果：准予许可');
    expect(concluded.content).toContain('领取办理结果');
    expect((await smsc.received(applyNo)).map((m) => m.text)).toEqual([supplement.content, concluded.content]);

    const app = await detail(clerk, applyNo);
    // the answer, its sms rows and its SMS timeline steps match the declared schema (undeclared fields fail too)
    assertMatchesSchema(doc, 'GET', '/api/v1/applications/{applyNo}', 200, app);
    expect(app.sms.map((s) => `${s.version}:${s.event}:${s.state}`)).toEqual(['1:SUPPLEMENT:DELIVERED', '2:CONCLUDED:DELIVERED']);
    const steps = app.timeline.filter((t) => t.step.startsWith('SMS_')).map((t) => `${t.version}:${t.step}:${t.label}`);
    expect(steps).toEqual(['1:SMS_SUBMITTED:已发送短信通知', '1:SMS_DELIVERED:短信已送达', '2:SMS_SUBMITTED:已发送短信通知', '2:SMS_DELIVERED:短信已送达']);
    for (const t of app.timeline.filter((x) => x.step.startsWith('SMS_'))) expect(t.note).toContain('138****0000');

    // the phone is stored encrypted like the application's, never in clear
    const rows = await smsRows(env, applyNo);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.phone).not.toContain(PHONE);
    delivered = applyNo;
  });

  it('shows the SMS on the workbench detail page: the 短信通知 tab and the timeline steps', async () => {
    expect(delivered).toBeDefined();
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const { page, problems } = await openPage(browser);
      await page.goto(`${env.platformUrl}/login`);
      await page.getByLabel('用户名').fill(CLERK.username);
      await page.getByLabel('密码', { exact: true }).fill(CLERK.password);
      await page.getByRole('button', { name: '登 录' }).click();
      await page.locator('[data-test=welcome]').waitFor();
      // the home page's counters answered before leaving it (a navigation would abort them)
      await page.waitForLoadState('networkidle');
      await page.goto(`${env.platformUrl}/applications/${delivered}`);
      const timeline = page.locator('[data-test=timeline]');
      await timeline.getByText('短信已送达').first().waitFor();
      expect(await timeline.getByText('已发送短信通知').count()).toBe(2);
      expect(await timeline.getByText('短信已送达').count()).toBe(2);

      await page.getByRole('tab', { name: '短信通知（2）' }).click();
      const rows = page.locator('[data-test=sms-table] tbody tr');
      await rows.first().waitFor();
      const texts = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('补正补齐通知');
      expect(texts[1]).toContain('办结通知');
      for (const t of texts) {
        expect(t).toContain('138****0000');
        expect(t).toContain('短信已送达');
        expect(t).toContain(`申报号 ${delivered}`);
        expect(t).not.toContain(PHONE);
      }
      expect(await page.locator('[data-test=sms-state]').allTextContents()).toEqual(['短信已送达', '短信已送达']);
      await screenshot(page, 'workbench-applicant-sms');
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser?.close();
    }
  });

  it('sends nothing more for a duplicate callback notification', async () => {
    const applyNo = await clerk.apply('AMR-002');
    await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    await waitForSms(clerk, applyNo, 'SUPPLEMENT', 'DELIVERED');
    // the department notifies the same 补正补齐 again, twice in one message: a duplicate, applied once
    const soap = await SoapNotificationClient.create(CALLBACK_SOAP, `${env.platformUrl}/ws/exchange/callback`, env.dept('AMR').deptCredential, 5000);
    try {
      const again = await soap.send(
        'AMR',
        [
          { applyNo, version: 1, stage: Stage.SUPPLEMENT },
          { applyNo, version: 1, stage: Stage.SUPPLEMENT },
        ],
        'test-dept',
      );
      expect(again.results.map((r) => r.code)).toEqual(['0001', '0001']);
    } finally {
      soap.close();
    }
    await answerSupplement(clerk, applyNo);
    await clerk.waitForState(applyNo, 'CONCLUDED');
    await waitForSms(clerk, applyNo, 'CONCLUDED', 'DELIVERED');
    // by now the worker has ticked many times since the duplicate: still one row and one message per event
    expect((await smsRows(env, applyNo)).map((r) => `${r.event}:${r.state}`)).toEqual(['SUPPLEMENT:DELIVERED', 'CONCLUDED:DELIVERED']);
    const texts = (await smsc.received(applyNo)).map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('补正补齐');
    expect(texts[1]).toContain('已办结');
    expect(await smsc.duplicates()).toEqual([]);
  });

  it('keeps the SMS while the SMSC is down, retrying with backoff without sending, and delivers it once it is back', async () => {
    await smsc.stop();
    await waitFor('the platform to see the gateway gone', async () => {
      const h = (await (await env.health()).json()) as { applicantSms: { connected: boolean } };
      return !h.applicantSms.connected;
    });
    const applyNo = await clerk.apply('AMR-003');
    await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    // retried: attempts counted, nothing sent, the reason recorded
    const waiting = await waitFor('two attempts without a gateway', async () => {
      const [row] = await env.platformQuery<{ state: string; attempts: number; error: string | null }>(
        'SELECT state, attempts, error FROM applicant_sms WHERE apply_no = ?',
        [applyNo],
      );
      return row && row.attempts >= 2 ? row : undefined;
    });
    expect(waiting.state).toBe('QUEUED');
    expect(waiting.error).toContain('短信网关不可达');
    const health = (await (await env.health()).json()) as { status: string; applicantSms: Record<string, unknown> };
    assertMatchesSchema(doc, 'GET', '/health', 200, health);
    expect(health.status).toBe('up'); // the SMS gateway is not a dependency of the exchange
    expect(health.applicantSms).toMatchObject({ enabled: true, connected: false, gateway: `127.0.0.1:${smsc.cmppPort}` });
    expect(health.applicantSms.queued).toBeGreaterThanOrEqual(1);

    await smsc.start();
    const sms = await waitForSms(clerk, applyNo, 'SUPPLEMENT', 'DELIVERED');
    expect(sms.attempts).toBeGreaterThanOrEqual(3);
    expect((await smsc.received(applyNo)).map((m) => m.text)).toEqual([sms.content]);
    const after = (await (await env.health()).json()) as { applicantSms: Record<string, unknown> };
    expect(after.applicantSms).toMatchObject({ connected: true, unknown: 0, failed: 0, sending: 0 });
  });

  it('records an undeliverable number as 短信发送失败 with the report code', async () => {
    const res = await fetch(`${smsc.url}/sim/faults`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ statusByNumber: { [PHONE]: 'UNDELIV' } }),
    });
    expect(res.status).toBe(200);
    try {
      const applyNo = await clerk.apply('AMR-001');
      const failed = await waitForSms(clerk, applyNo, 'SUPPLEMENT', 'FAILED');
      assertMatchesSchema(doc, 'GET', '/api/v1/applications/{applyNo}', 200, await detail(clerk, applyNo));
      expect(failed).toMatchObject({ stateLabel: '短信发送失败', stat: 'UNDELIV', note: '状态报告 UNDELIV' });
      const app = await detail(clerk, applyNo);
      expect(app.timeline.filter((t) => t.step.startsWith('SMS_')).map((t) => t.label)).toEqual(['已发送短信通知', '短信发送失败']);
    } finally {
      await fetch(`${smsc.url}/sim/faults/reset`, { method: 'POST', headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}` } });
    }
  });
});

describe('platform killed right after the CMPP submit, before recording it', () => {
  let env: ExchangeEnv;
  let smsc: Smsc;

  afterAll(async () => {
    await env?.close();
    await smsc?.stop();
  });

  it('finds the SMS UNKNOWN after the restart and never sends it again', async () => {
    smsc = await Smsc.create();
    await smsc.start();
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 }, platformEnv: { ...platformSmsEnv(smsc), APPLICANT_SMS_LEASE_MS: '2000' } });
    await env.startDeptSim();
    await env.startPlatform({ TEST_HOOKS: 'on', FAULT_CRASH_POINT: 'after-sms-submit' });
    const clerk = await env.clerk();
    const applyNo = await clerk.apply('AMR-001');

    const exit = await env.platform!.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(env.platform!.logs.join('\n')).toContain('FAULT_CRASH_POINT after-sms-submit');
    // the gateway has it; the platform recorded only that it was about to send it
    await waitFor('the message at the handset', async () => (await smsc.received(applyNo)).length === 1);
    expect((await smsRows(env, applyNo)).map((r) => `${r.event}:${r.state}`)).toEqual(['SUPPLEMENT:SENDING']);

    await env.startPlatform();
    const unknown = await waitForSms(clerk, applyNo, 'SUPPLEMENT', 'UNKNOWN');
    expect(unknown).toMatchObject({ stateLabel: '状态未知', submittedAt: null, attempts: 1 });
    expect(unknown.note).toContain('是否已发出未知');
    const app = await detail(clerk, applyNo);
    expect(app.timeline.filter((t) => t.step.startsWith('SMS_')).map((t) => `${t.step}:${t.label}`)).toEqual(['SMS_UNKNOWN:状态未知']);
    const health = (await (await env.health()).json()) as { applicantSms: Record<string, unknown> };
    expect(health.applicantSms).toMatchObject({ unknown: 1, sending: 0 });

    // the case goes on to 办结: its SMS goes out and is delivered while the UNKNOWN one stays as it is, sent once
    await answerSupplement(clerk, applyNo);
    await clerk.waitForState(applyNo, 'CONCLUDED');
    await waitForSms(clerk, applyNo, 'CONCLUDED', 'DELIVERED');
    expect((await smsRows(env, applyNo)).map((r) => `${r.event}:${r.state}`)).toEqual(['SUPPLEMENT:UNKNOWN', 'CONCLUDED:DELIVERED']);
    const texts = (await smsc.received(applyNo)).map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toBe(unknown.content);
    expect(await smsc.duplicates()).toEqual([]);
  });
});
