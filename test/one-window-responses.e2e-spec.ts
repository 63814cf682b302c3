import { buildDigestHeaders } from '@app/soap-kit';
import { ClerkClient, tinyPdf } from './support/clerk-client';
import { APPROVER, ExchangeEnv } from './support/exchange-env';
import { AMR_001_FORM } from './support/form-data';
import { DEFAULT_ID_NO } from './support/identity-numbers';
import { assertMatchesSchema, OpenApiDoc } from './support/response-shape';

/**
 * The platform's REST answers against the response schemas its OpenAPI document declares: the
 * consoles generate their clients from that document, so every field a handler really sends must
 * be declared, with its type and nullability. Real apps, a real department simulator, an
 * application taken through 补正补齐 to 办结, so the detail answer carries every part.
 */
const CHECKED = [
  'GET /api/v1/applications',
  'GET /api/v1/applications/{applyNo}',
  'GET /api/v1/item-categories',
  'GET /api/v1/items',
  'GET /api/v1/items/{code}',
  'GET /api/v1/ops/dispatch-holds',
  'POST /api/exchange/v1/callback-notifications',
  'POST /api/v1/applicants/lookup',
  'POST /api/v1/applications',
  'POST /api/v1/applications/search',
  'POST /api/v1/applications/{applyNo}/handover',
  'POST /api/v1/applications/{applyNo}/express',
  'POST /api/v1/applications/{applyNo}/express/delivered',
  'POST /api/v1/applications/{applyNo}/submit',
  'POST /api/v1/applications/{applyNo}/versions',
  'PUT /api/v1/applications/{applyNo}/materials/{materialCode}',
  'PUT /api/v1/ops/dispatch-holds/{deptCode}',
  'PUT /api/v1/applications/{applyNo}/materials/{materialCode}/check',
  'GET /api/v1/applications/{applyNo}/material-checks',
  'GET /api/v1/departments',
];
// the two file routes (materials, result files) answer the stored bytes, not JSON: test/documents.e2e-spec.ts checks them

describe('one-window answers match their declared response schemas', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let approver: ClerkClient;
  let doc: OpenApiDoc;
  const seen = new Set<string>();

  beforeAll(async () => {
    // every first version is sent back for 补正补齐, the second one is accepted and concluded
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 } });
    await env.startPlatform({ API_DOCS: 'on' });
    await env.startDeptSim();
    clerk = await env.clerk();
    approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);
    doc = (await (await fetch(`${env.platformUrl}/api/docs-json`)).json()) as OpenApiDoc;
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Calls `method url` as `who`, expects `status` and checks the JSON body against the schema of `method path`. */
  async function shaped<T = Record<string, unknown>>(who: ClerkClient, method: string, url: string, path: string, status: number, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${who.token}` } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${env.platformUrl}${url}`, init);
    const text = await res.text();
    expect([method, url, res.status]).toEqual([method, url, status]);
    const json = JSON.parse(text) as unknown;
    assertMatchesSchema(doc, method, path, status, json);
    seen.add(`${method} ${path}`);
    return json as T;
  }

  const registration = (applicantName: string, extra: Record<string, unknown> = {}) => ({
    itemCode: 'AMR-001',
    applicantType: 'PERSON',
    applicantName,
    applicantIdNo: DEFAULT_ID_NO,
    applicantPhone: '13800000000',
    formData: AMR_001_FORM,
    deliveryMethod: 'PICKUP',
    ...extra,
  });

  it('catalog: categories, items and one item with its materials', async () => {
    await shaped(clerk, 'GET', '/api/v1/item-categories', '/api/v1/item-categories', 200);
    const depts = await shaped<{ code: string; name: string }[]>(clerk, 'GET', '/api/v1/departments', '/api/v1/departments', 200);
    expect(depts.find((d) => d.code === 'AMR')?.name).toBe('区市场监督管理局');
    const items = await shaped<{ code: string }[]>(clerk, 'GET', '/api/v1/items', '/api/v1/items', 200);
    expect(items.length).toBeGreaterThan(5);
    await shaped(clerk, 'GET', '/api/v1/items?category=ENTERPRISE', '/api/v1/items', 200);
    for (const code of ['AMR-001', 'HPF-002', 'PSB-003']) await shaped(clerk, 'GET', `/api/v1/items/${code}`, '/api/v1/items/{code}', 200);
  });

  it('an application from registration through 补正补齐 to 办结, read at every step', async () => {
    const created = await shaped<{ applyNo: string }>(clerk, 'POST', '/api/v1/applications', '/api/v1/applications', 201, registration('形状甲'));
    const express = registration('形状乙', {
      deliveryMethod: 'EXPRESS',
      deliveryAddress: { recipient: '形状乙', phone: '13800000001', address: '平顶山市卫东区', postcode: '467000' },
    });
    await shaped(clerk, 'POST', '/api/v1/applications', '/api/v1/applications', 201, express);
    const { applyNo } = created;
    const draft = `/api/v1/applications/${applyNo}`;
    await shaped(clerk, 'GET', draft, '/api/v1/applications/{applyNo}', 200);
    const item = await clerk.item('AMR-001');
    for (const m of item.materials.filter((x) => x.required)) {
      const fd = new FormData();
      fd.append('file', new Blob([tinyPdf(`${m.code} of ${applyNo}`)], { type: 'application/pdf' }), `${m.code}.pdf`);
      await shaped(clerk, 'PUT', `${draft}/materials/${m.code}`, '/api/v1/applications/{applyNo}/materials/{materialCode}', 200, fd);
    }
    const tick = '/api/v1/applications/{applyNo}/materials/{materialCode}/check';
    await shaped(clerk, 'PUT', `${draft}/materials/ID_CARD/check`, tick, 200, { originalSeen: true, paperCopies: 1 });
    await shaped(clerk, 'GET', `${draft}/material-checks`, '/api/v1/applications/{applyNo}/material-checks', 200);
    await shaped(clerk, 'POST', `${draft}/submit`, '/api/v1/applications/{applyNo}/submit', 200);
    await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    const asked = await shaped<{ versions: { supplementRequest: unknown }[]; supplement: { materials: { code: string }[] } }>(
      clerk,
      'GET',
      draft,
      '/api/v1/applications/{applyNo}',
      200,
    );
    expect(asked.versions[0].supplementRequest).not.toBeNull();
    const reopened = await shaped<{ currentVersion: number }>(clerk, 'POST', `${draft}/versions`, '/api/v1/applications/{applyNo}/versions', 201, {});
    expect(reopened.currentVersion).toBe(2);
    // the resubmission must carry a new file of every material the department flagged
    for (const m of asked.supplement.materials) await clerk.upload(applyNo, m.code, `replaced ${m.code} of ${applyNo}`);
    await shaped(clerk, 'GET', draft, '/api/v1/applications/{applyNo}', 200);
    await shaped(clerk, 'POST', `${draft}/submit`, '/api/v1/applications/{applyNo}/submit', 200);
    await clerk.waitForState(applyNo, 'CONCLUDED');
    const done = await shaped<{ callbacks: unknown[]; timeline: unknown[]; versions: unknown[] }>(clerk, 'GET', draft, '/api/v1/applications/{applyNo}', 200);
    expect([done.versions.length, done.callbacks.length > 0, done.timeline.length > 0]).toEqual([2, true, true]);
    // another window's clerk, the approver, and the masked list views
    await shaped(approver, 'GET', draft, '/api/v1/applications/{applyNo}', 200);
    const page = await shaped<{ items: unknown[] }>(clerk, 'GET', '/api/v1/applications?pageSize=50', '/api/v1/applications', 200);
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    await shaped(clerk, 'GET', '/api/v1/applications?state=CONCLUDED', '/api/v1/applications', 200);
    await shaped(clerk, 'POST', '/api/v1/applications/search', '/api/v1/applications/search', 200, { applicant: '形状甲', pageSize: 5 });
    // 出件 at the window, and the detail with its delivery block
    await shaped(clerk, 'POST', `${draft}/handover`, '/api/v1/applications/{applyNo}/handover', 200, {
      collectorName: '赵六',
      collectorIdNo: '41040419851231002X',
      relation: '代理人',
      idChecked: true,
    });
    await shaped(clerk, 'GET', draft, '/api/v1/applications/{applyNo}', 200);
    await shaped(clerk, 'GET', '/api/v1/applications?delivery=HANDED_OVER', '/api/v1/applications', 200);
  });

  it('an express delivery: mailed, then delivered', async () => {
    const [app] = await env.platformQuery<{ apply_no: string }>("SELECT apply_no FROM application WHERE delivery_method = 'EXPRESS' LIMIT 1");
    const path = `/api/v1/applications/${app.apply_no}`;
    for (const m of (await clerk.item('AMR-001')).materials.filter((x) => x.required)) await clerk.upload(app.apply_no, m.code, `${m.code} of ${app.apply_no}`);
    await clerk.submit(app.apply_no);
    const asked = (await clerk.waitForState(app.apply_no, 'SUPPLEMENT_REQUIRED')).versions[0].supplementRequest!;
    await clerk.request('POST', `${path}/versions`, {});
    for (const m of asked.materials) await clerk.upload(app.apply_no, m.code, `replaced ${m.code}`);
    await clerk.submit(app.apply_no);
    await clerk.waitForState(app.apply_no, 'CONCLUDED');
    await shaped(clerk, 'POST', `${path}/express`, '/api/v1/applications/{applyNo}/express', 200, { carrier: '顺丰速运', waybillNo: 'SF1234567890123' });
    await shaped(clerk, 'POST', `${path}/express/delivered`, '/api/v1/applications/{applyNo}/express/delivered', 200, {
      deliveredAt: new Date().toISOString(),
    });
    await shaped(clerk, 'GET', path, '/api/v1/applications/{applyNo}', 200);
  });

  it('the department notification of a callback already taken', async () => {
    const [concluded] = await env.platformQuery<{ apply_no: string }>("SELECT apply_no FROM application WHERE state = 'CONCLUDED' LIMIT 1");
    const amr = env.dept('AMR').deptCredential;
    const res = await fetch(`${env.platformUrl}/api/exchange/v1/callback-notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...buildDigestHeaders(amr.username, amr.password) },
      body: JSON.stringify({
        deptCode: 'AMR',
        items: [
          { applyNo: concluded.apply_no, version: 2, stage: 'CONCLUDE' },
          { applyNo: '410404-20260101-999999', version: 1, stage: 'ACCEPT' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { code: string }[] };
    expect(body.results.map((r) => r.code)).toEqual(['0001', '2001']);
    assertMatchesSchema(doc, 'POST', '/api/exchange/v1/callback-notifications', 200, body);
    seen.add('POST /api/exchange/v1/callback-notifications');
  });

  it('dispatch holds: set one, list them', async () => {
    await shaped(approver, 'PUT', '/api/v1/ops/dispatch-holds/AMR', '/api/v1/ops/dispatch-holds/{deptCode}', 200, { minutes: 30, reason: '前置库维护' });
    const holds = await shaped<unknown[]>(clerk, 'GET', '/api/v1/ops/dispatch-holds', '/api/v1/ops/dispatch-holds', 200);
    expect(holds).toHaveLength(1);
    await approver.request('DELETE', '/api/v1/ops/dispatch-holds/AMR', undefined, [204]);
  });

  it('applicant lookup', async () => {
    const found = await shaped<{ applicantName: string; masked: boolean }>(clerk, 'POST', '/api/v1/applicants/lookup', '/api/v1/applicants/lookup', 200, {
      idNo: DEFAULT_ID_NO,
    });
    expect(found).toMatchObject({ masked: false });
  });

  it('checked every operation it is meant to', () => {
    expect([...seen].sort()).toEqual([...CHECKED].sort());
  });
});
