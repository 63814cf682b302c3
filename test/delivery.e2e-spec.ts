import { type FormFieldView, sampleFormData } from './support/form-data';
import { ClerkClient } from './support/clerk-client';
import { ACCOUNTS } from './support/accounts';
import { APPROVER, ExchangeEnv } from './support/exchange-env';

/**
 * 补正补齐 answered with the flagged material replaced, and 出件 after 办结 (window hand-over, express
 * mailing and delivery), through the real platform, the real department simulator and MariaDB.
 * The simulator's profile supplementRate=1 sends every first version back; it flags the first
 * material of the acceptance by code (for PSB-003 that is ID_CARD, the applicant's ID card), and
 * accepts and concludes the second version.
 */

const APPLICANT_ID = '410404199001011233'; // a valid 居民身份证号码 (check character 3)
const AGENT_ID = '41040419851231002X';

interface Detail {
  applyNo: string;
  state: string;
  currentVersion: number;
  concludedAt: string | null;
  versions: { version: number; materials: { materialCode: string; sm3: string; carriedFromVersion: number | null }[] }[];
  supplement: {
    version: number;
    answerVersion: number | null;
    answered: boolean;
    opinion: string;
    handledBy: string;
    handledAt: string;
    materials: { code: string; name: string | null; reason: string; replaced: boolean }[];
  } | null;
  delivery: {
    method: string;
    state: string;
    stateLabel: string;
    handover: { collectorName: string; collectorIdNo: string; relation: string; idChecked: boolean; handedOverBy: string; windowNo: string | null } | null;
    express: { carrier: string; waybillNo: string; mailedAt: string; mailedBy: string; deliveredAt: string | null; deliveredBy: string | null } | null;
  } | null;
  timeline: { step: string; label: string; operator: string; note?: string | null }[];
}

/** A raw call: status, body and headers, whatever the status. */
async function call(who: ClerkClient, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, any>; replayed: boolean }> {
  const res = await fetch(`${who.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${who.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, replayed: res.headers.get('idempotent-replayed') === 'true' };
}

describe('补正补齐 with the flagged material replaced, then 出件', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let clerk2: ClerkClient;
  let approver: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 } });
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await env.clerk();
    clerk2 = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk2.username, ACCOUNTS.clerk2.password);
    approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);
  });

  afterAll(async () => {
    await env?.close();
  });

  async function register(itemCode: string, delivery: Record<string, unknown> = { deliveryMethod: 'PICKUP' }): Promise<string> {
    const app = await clerk.request<{ applyNo: string }>('POST', '/api/v1/applications', {
      itemCode,
      applicantType: 'PERSON',
      applicantName: '王五',
      applicantIdNo: APPLICANT_ID,
      applicantPhone: '13800000000',
      formData: sampleFormData(((await clerk.item(itemCode)) as unknown as { formFields: FormFieldView[] }).formFields),
      ...delivery,
    });
    return app.applyNo;
  }

  /** Registered, every required material uploaded, submitted; returns once the department asked for 补正补齐. */
  async function untilSupplement(itemCode: string, delivery?: Record<string, unknown>): Promise<string> {
    const applyNo = await register(itemCode, delivery);
    for (const m of (await clerk.item(itemCode)).materials.filter((x) => x.required)) await clerk.upload(applyNo, m.code, `v1 ${m.code} of ${applyNo}`);
    await clerk.submit(applyNo);
    await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    return applyNo;
  }

  /** Answers the 补正补齐 by replacing exactly what the department flagged, and waits for 办结. */
  async function concluded(itemCode: string, delivery?: Record<string, unknown>): Promise<Detail> {
    const applyNo = await untilSupplement(itemCode, delivery);
    const asked = (await clerk.get(applyNo)) as unknown as Detail;
    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    for (const m of asked.supplement!.materials) await clerk.upload(applyNo, m.code, `v2 ${m.code} of ${applyNo}`);
    await clerk.submit(applyNo);
    return (await clerk.waitForState(applyNo, 'CONCLUDED')) as unknown as Detail;
  }

  it('refuses a resubmission that still holds the ID card the department rejected, and sends the replacement', async () => {
    const applyNo = await untilSupplement('PSB-003');
    const asked = (await clerk.get(applyNo)) as unknown as Detail;
    expect(asked.supplement).toMatchObject({ version: 1, answerVersion: null, answered: false, handledBy: 'PSB-审批员01' });
    expect(asked.supplement!.opinion).toContain('申请人身份证明');
    expect(asked.supplement!.materials).toEqual([
      {
        code: 'ID_CARD',
        name: '申请人身份证明',
        reason: '申请人身份证明扫描件不清晰，请重新提供',
        reasons: ['申请人身份证明扫描件不清晰，请重新提供'],
        replaced: false,
      },
    ]);

    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    // nothing uploaded again: refused, naming the material and the department's reason
    const refused = await call(clerk, 'POST', `/api/v1/applications/${applyNo}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('2005');
    expect(refused.body.message).toBe(
      '办理材料不齐全：部门要求补正的材料尚未重新上传：申请人身份证明（申请人身份证明扫描件不清晰，请重新提供）。请上传补正后的材料再提交',
    );
    expect(refused.body.details).toEqual({
      missing: ['ID_CARD'],
      flagged: [{ code: 'ID_CARD', name: '申请人身份证明', reason: '申请人身份证明扫描件不清晰，请重新提供' }],
      supplementOfVersion: 1,
    });
    // re-uploading only a material the department did not flag does not help
    await clerk.upload(applyNo, 'QUERY_FORM', `v2 QUERY_FORM of ${applyNo}`);
    expect((await call(clerk, 'POST', `/api/v1/applications/${applyNo}/submit`)).body.code).toBe('2005');
    const still = (await clerk.get(applyNo)) as unknown as Detail;
    expect([still.state, still.currentVersion, still.supplement!.answerVersion, still.supplement!.materials[0].replaced]).toEqual(['DRAFT', 2, 2, false]);
    // nothing was carried over by the refused submissions
    expect(still.versions.find((v) => v.version === 2)!.materials.map((m) => [m.materialCode, m.carriedFromVersion])).toEqual([['QUERY_FORM', null]]);

    const replacement = await clerk.upload(applyNo, 'ID_CARD', `a clear scan of the ID card of ${applyNo}`);
    const ready = (await clerk.get(applyNo)) as unknown as Detail;
    expect(ready.supplement!.materials[0].replaced).toBe(true);
    await clerk.submit(applyNo);
    const done = (await clerk.waitForState(applyNo, 'CONCLUDED')) as unknown as Detail;
    expect(done.supplement).toMatchObject({ version: 1, answerVersion: 2, answered: true });

    // what the department received for version 2 is the new scan, not the rejected one
    const front = await env.front('PSB');
    const rows = (await front.ds.query('SELECT version, material_code, sm3 FROM ex_acceptance_material WHERE apply_no = ? ORDER BY version, material_code', [
      applyNo,
    ])) as { version: number; material_code: string; sm3: string }[];
    const v1Id = rows.find((r) => r.version === 1 && r.material_code === 'ID_CARD')!.sm3;
    const v2Id = rows.find((r) => r.version === 2 && r.material_code === 'ID_CARD')!.sm3;
    expect(v2Id).toBe(replacement.sm3);
    expect(v2Id).not.toBe(v1Id);
  });

  it('carries over only the materials the department did not flag', async () => {
    const applyNo = await untilSupplement('AMR-001'); // flags APPLY_FORM, the first material by code
    const asked = (await clerk.get(applyNo)) as unknown as Detail;
    expect(asked.supplement!.materials.map((m) => [m.code, m.name])).toEqual([['APPLY_FORM', '企业设立登记申请书']]);
    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    await clerk.upload(applyNo, 'APPLY_FORM', 'signed this time');
    await clerk.submit(applyNo);
    const v2 = ((await clerk.get(applyNo)) as unknown as Detail).versions.find((v) => v.version === 2)!;
    expect(v2.materials.map((m) => [m.materialCode, m.carriedFromVersion])).toEqual([
      ['APPLY_FORM', null],
      ['ARTICLES', 1],
      ['ID_CARD', 1],
      ['PREMISES', 1],
    ]);
    await clerk.waitForState(applyNo, 'CONCLUDED');
  });

  it('hands a concluded result over at the window: who collected, ID checked, which clerk and window', async () => {
    const draft = await register('PSB-003');
    const notYet = await call(clerk, 'POST', `/api/v1/applications/${draft}/handover`, {
      collectorName: '王五',
      collectorIdNo: APPLICANT_ID,
      relation: '本人',
      idChecked: true,
    });
    expect([notYet.status, notYet.body.code, notYet.body.message]).toEqual([409, '2006', '当前状态不允许该操作：申报件尚未办结，不能窗口出件']);

    const app = await concluded('PSB-003');
    const path = `/api/v1/applications/${app.applyNo}/handover`;
    expect(app.delivery).toEqual({ applyNo: app.applyNo, method: 'PICKUP', state: 'AWAITING_PICKUP', stateLabel: '待领取', handover: null, express: null });
    const waiting = await clerk.request<{ items: { applyNo: string }[] }>('GET', '/api/v1/applications?delivery=AWAITING_PICKUP&pageSize=200');
    expect(waiting.items.map((a) => a.applyNo)).toContain(app.applyNo);

    // bad input, each with its Chinese reason
    const agent = { collectorName: '赵六', collectorIdNo: AGENT_ID, relation: '代理人', idChecked: true };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...agent, idChecked: false }, '1003', '须核验领取人身份证件原件'],
      [{ ...agent, collectorIdNo: '410404199001011234' }, '1003', '领取人身份证号校验位错误'],
      [{ ...agent, relation: '本人' }, '1003', '领取人为本人时，姓名和身份证号须与申请人一致'],
      [{ ...agent, relation: '朋友' }, '1003', '领取人身份取值应为 本人、代理人 之一'],
    ];
    for (const [body, code, words] of cases) {
      const r = await call(clerk, 'POST', path, body);
      expect([r.status, r.body.code]).toEqual([400, code]);
      expect(r.body.message).toContain(words);
    }
    // another window reads it but may not hand it over; the express route does not fit a pickup
    expect((await call(clerk2, 'POST', path, agent)).body.code).toBe('6009');
    const wrong = await call(clerk, 'POST', `/api/v1/applications/${app.applyNo}/express`, { carrier: '顺丰速运', waybillNo: 'SF1234567890123' });
    expect([wrong.status, wrong.body.message]).toEqual([409, '当前状态不允许该操作：领取方式为现场领取，不能登记快递；请在窗口出件']);

    const first = await call(clerk, 'POST', path, agent);
    expect(first.status).toBe(200);
    expect(first.replayed).toBe(false);
    expect(first.body).toMatchObject({
      state: 'HANDED_OVER',
      stateLabel: '已领取',
      handover: { collectorName: '赵六', collectorIdNo: '4104**********002X', relation: '代理人', idChecked: true, handedOverBy: 'window01', windowNo: '01' },
    });
    // the retry of a lost answer changes nothing; another collector is refused
    const again = await call(clerk, 'POST', path, agent);
    expect([again.status, again.replayed, again.body.handover.handedOverAt]).toEqual([200, true, first.body.handover.handedOverAt]);
    const other = await call(approver, 'POST', path, { ...agent, collectorName: '钱七' });
    expect([other.status, other.body.code]).toEqual([409, '2006']);
    expect(other.body.message).toMatch(/^当前状态不允许该操作：办理结果已于 \d{4}-\d\d-\d\d \d\d:\d\d 由 赵六 领取，不能重复出件$/);

    // the ID number is encrypted at rest, and the step is in the timeline and the queues
    const [row] = await env.platformQuery<{ collector_id_no: string }>('SELECT collector_id_no FROM application_delivery WHERE apply_no = ?', [app.applyNo]);
    expect(row.collector_id_no.startsWith('sm4$')).toBe(true);
    expect(row.collector_id_no).not.toContain(AGENT_ID);
    const detail = (await clerk.get(app.applyNo)) as unknown as Detail;
    expect(detail.delivery!.state).toBe('HANDED_OVER');
    const step = detail.timeline.find((t) => t.step === 'HANDED_OVER')!;
    expect(step).toMatchObject({ label: '窗口出件（已领取）', operator: 'window01', note: '领取人：赵六（代理人，已核验身份证件），01 号窗口' });
    expect(detail.timeline.at(-1)!.step).toBe('HANDED_OVER');
    const handed = await clerk.request<{ items: { applyNo: string }[] }>('GET', '/api/v1/applications?delivery=HANDED_OVER&pageSize=200');
    expect(handed.items.map((a) => a.applyNo)).toEqual([app.applyNo]);
    const left = await clerk.request<{ items: { applyNo: string }[] }>('GET', '/api/v1/applications?delivery=AWAITING_PICKUP&pageSize=200');
    expect(left.items.map((a) => a.applyNo)).not.toContain(app.applyNo);
    expect((await call(clerk, 'GET', '/api/v1/applications?delivery=LOST')).body.code).toBe('1003');
  });

  it('records one hand-over when two clerks post different collectors at once', async () => {
    const app = await concluded('PSB-003');
    const path = `/api/v1/applications/${app.applyNo}/handover`;
    const answers = await Promise.all([
      call(clerk, 'POST', path, { collectorName: '王五', collectorIdNo: APPLICANT_ID, relation: '本人', idChecked: true }),
      call(approver, 'POST', path, { collectorName: '赵六', collectorIdNo: AGENT_ID, relation: '代理人', idChecked: true }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const detail = (await clerk.get(app.applyNo)) as unknown as Detail;
    const winner = answers.find((a) => a.status === 200)!;
    expect(detail.delivery!.handover!.collectorName).toBe(winner.body.handover.collectorName);
    expect(detail.timeline.filter((t) => t.step === 'HANDED_OVER')).toHaveLength(1);
  });

  it('mails a result by express and records its delivery', async () => {
    const address = { recipient: '王五', phone: '13900000000', address: '河南省平顶山市石龙区人民路1号', postcode: '467045' };
    const app = await concluded('PSB-003', { deliveryMethod: 'EXPRESS', deliveryAddress: address });
    const base = `/api/v1/applications/${app.applyNo}`;
    expect(app.delivery).toMatchObject({ method: 'EXPRESS', state: 'AWAITING_MAILING', stateLabel: '待寄出' });
    const queue = await clerk.request<{ items: { applyNo: string }[] }>('GET', '/api/v1/applications?delivery=AWAITING_MAILING&pageSize=200');
    expect(queue.items.map((a) => a.applyNo)).toEqual([app.applyNo]);

    const pickup = await call(clerk, 'POST', `${base}/handover`, { collectorName: '王五', collectorIdNo: APPLICANT_ID, relation: '本人', idChecked: true });
    expect(pickup.body.message).toBe('当前状态不允许该操作：领取方式为证照快递，不能窗口出件；请登记快递寄出');
    const early = await call(clerk, 'POST', `${base}/express/delivered`, { deliveredAt: new Date().toISOString() });
    expect([early.status, early.body.message]).toEqual([409, '当前状态不允许该操作：办理结果尚未寄出，不能登记签收']);
    const badWaybill = await call(clerk, 'POST', `${base}/express`, { carrier: '顺丰速运', waybillNo: 'EA123456785CN' });
    expect([badWaybill.status, badWaybill.body.code, badWaybill.body.details.field]).toEqual([400, '1003', 'waybillNo']);
    expect(badWaybill.body.message).toContain('顺丰速运的运单号应为SF 加 12 或 13 位数字');
    const carrier = await call(clerk, 'POST', `${base}/express`, { carrier: '某某快递', waybillNo: 'SF1234567890123' });
    expect([carrier.body.code, carrier.body.message]).toEqual(['1003', '参数类型或取值错误：快递公司取值应为 EMS、中国邮政、顺丰速运、京东物流 之一']);
    const beforeConclusion = new Date(new Date(app.concludedAt!).getTime() - 3600_000).toISOString();
    const tooEarly = await call(clerk, 'POST', `${base}/express`, { carrier: 'EMS', waybillNo: 'EA123456785CN', mailedAt: beforeConclusion });
    expect(tooEarly.body.message).toBe('参数类型或取值错误：交寄时间不能早于办结时间');

    const mailed = await call(clerk, 'POST', `${base}/express`, { carrier: 'EMS', waybillNo: 'EA123456785CN' });
    expect(mailed.status).toBe(200);
    expect(mailed.body).toMatchObject({
      state: 'MAILED',
      stateLabel: '已寄出',
      express: { carrier: 'EMS', waybillNo: 'EA123456785CN', mailedBy: 'window01', deliveredAt: null },
    });
    const retry = await call(clerk, 'POST', `${base}/express`, { carrier: 'EMS', waybillNo: 'EA123456785CN' });
    expect([retry.status, retry.replayed, retry.body.express.mailedAt]).toEqual([200, true, mailed.body.express.mailedAt]);
    const otherWaybill = await call(clerk, 'POST', `${base}/express`, { carrier: 'EMS', waybillNo: '1234567890123' });
    expect([otherWaybill.status, otherWaybill.body.details.waybillNo]).toEqual([409, 'EA123456785CN']);
    expect(otherWaybill.body.message).toContain('（运单号 EA123456785CN），不能重复登记寄出');

    const deliveredAt = new Date().toISOString();
    const delivered = await call(approver, 'POST', `${base}/express/delivered`, { deliveredAt });
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ state: 'DELIVERED', stateLabel: '已签收', express: { deliveredBy: 'approver01' } });
    // the same instant, answered in Beijing time (+08:00) like every one-window time
    expect(delivered.body.express?.deliveredAt).toMatch(/\+08:00$/);
    expect(new Date(delivered.body.express?.deliveredAt ?? '').getTime()).toBe(new Date(deliveredAt).getTime());
    expect((await call(approver, 'POST', `${base}/express/delivered`, { deliveredAt })).replayed).toBe(true);
    const later = await call(approver, 'POST', `${base}/express/delivered`, { deliveredAt: new Date(Date.now() + 1000).toISOString() });
    expect([later.status, later.body.code]).toEqual([409, '2006']);
    expect(later.body.message).toMatch(/快递已于 .* 签收，不能重复登记$/);

    const detail = (await clerk.get(app.applyNo)) as unknown as Detail;
    expect(detail.timeline.filter((t) => ['MAILED', 'DELIVERED'].includes(t.step)).map((t) => [t.step, t.operator, t.note])).toEqual([
      ['MAILED', 'window01', 'EMS 运单号 EA123456785CN'],
      ['DELIVERED', 'approver01', 'EMS 运单号 EA123456785CN'],
    ]);
    const done = await clerk.request<{ items: { applyNo: string }[] }>('GET', '/api/v1/applications?delivery=DELIVERED&pageSize=200');
    expect(done.items.map((a) => a.applyNo)).toEqual([app.applyNo]);
  });
});
