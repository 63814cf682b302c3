import { ACCOUNTS, login } from './support/accounts';
import { ClerkClient } from './support/clerk-client';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { appDbEnv, freePort } from './support/env';
import { APPROVER, ExchangeEnv } from './support/exchange-env';
import { type FormFieldView, sampleFormData } from './support/form-data';
import { residentIdNo } from './support/identity-numbers';

/**
 * Personal data at rest and in what the platform keeps about requests (docs/security.md): a day of
 * window work — registrations with forms full of ID numbers, phones and addresses, an express
 * delivery address, a hand-over to an agent, an express mailing, an applicant lookup, an account
 * created and its password changed — through the real platform, department simulator and MariaDB.
 * Then the raw bytes of the audit table, of the platform DB columns and of the platform's log
 * lines are searched for the actual values.
 */

const APPLICANT_ID = residentIdNo(401, '19770312');
const APPLICANT_PHONE = '13512345678';
const AGENT_ID = residentIdNo(402, '19850621');
const MOVER_ID = residentIdNo(403, '19921105');
const FORM_PHONE = '13698765432';
const RECIPIENT = '欧阳明月';
const RECIPIENT_PHONE = '18744556677';
const STREET = '石龙区龙兴街道幸福路88号3单元502室';
const ADDRESS = { recipient: RECIPIENT, phone: RECIPIENT_PHONE, address: `河南省平顶山市${STREET}`, postcode: '467045' };
const FROM_ADDRESS = '河南省郑州市金水区文化路77号院9号楼';
const NEW_PASSWORD = 'Ouyang#Mingyue2026';

interface Detail {
  applyNo: string;
  state: string;
  applicantIdNo: string;
  applicantPhone: string;
  masked?: boolean;
  deliveryAddress: { recipient: string; phone: string; address: string; postcode: string } | null;
  versions: { version: number; formData: Record<string, unknown> }[];
}

describe('personal data at rest, in the audit log and in the logs (one-window)', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let clerk2: ClerkClient;
  let approver: ClerkClient;
  let express: string;
  let pickup: string;
  let initialPassword = '';
  /** every personal value the journey sent: none may appear in clear where the platform keeps request traces */
  const secrets: string[] = [APPLICANT_ID, APPLICANT_PHONE, AGENT_ID, MOVER_ID, FORM_PHONE, RECIPIENT_PHONE, STREET, FROM_ADDRESS, NEW_PASSWORD];

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await env.clerk();
    clerk2 = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk2.username, ACCOUNTS.clerk2.password);
    approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);

    // 迁移 (PSB-002): the form names the mover, their ID number, their old address; results by express
    const fields = ((await clerk.item('PSB-002')) as unknown as { formFields: FormFieldView[] }).formFields;
    const form = sampleFormData(fields);
    for (const f of fields) {
      if (f.type === 'idNo') form[f.key] = MOVER_ID;
      if (f.type === 'phone') form[f.key] = FORM_PHONE;
    }
    form.fromAddress = FROM_ADDRESS;
    express = await registerAndConclude('PSB-002', { formData: form, deliveryMethod: 'EXPRESS', deliveryAddress: ADDRESS });
    pickup = await registerAndConclude('PSB-003', {
      formData: sampleFormData(((await clerk.item('PSB-003')) as unknown as { formFields: FormFieldView[] }).formFields),
      deliveryMethod: 'PICKUP',
    });
    await clerk.request('POST', `/api/v1/applications/${pickup}/handover`, {
      collectorName: '令狐冲',
      collectorIdNo: AGENT_ID,
      relation: '代理人',
      idChecked: true,
    });
    await clerk.request('POST', `/api/v1/applications/${express}/express`, { carrier: 'EMS', waybillNo: 'EA123456785CN' });
    await clerk.request('POST', '/api/v1/applicants/lookup', { idNo: APPLICANT_ID });

    // an account created by the security admin, its initial password changed at first login
    const secAdmin = await login(env.platformUrl, '/api/v1', ACCOUNTS.secAdmin);
    const created = await fetch(`${env.platformUrl}/api/v1/security/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'window09', displayName: '窗口九', role: 'OPERATOR', windowNo: '09' }),
    });
    expect(created.status).toBe(201);
    initialPassword = ((await created.json()) as { initialPassword: string }).initialPassword;
    secrets.push(initialPassword);
    const first = await login(env.platformUrl, '/api/v1', { username: 'window09', role: 'OPERATOR', password: initialPassword });
    const changed = await fetch(`${env.platformUrl}/api/v1/auth/password`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${first}`, 'content-type': 'application/json' },
      body: JSON.stringify({ oldPassword: initialPassword, newPassword: NEW_PASSWORD }),
    });
    expect(changed.status).toBe(204);
    await login(env.platformUrl, '/api/v1', { username: 'window09', role: 'OPERATOR', password: NEW_PASSWORD });
  }, 180_000);

  afterAll(async () => {
    await env?.close();
  });

  async function registerAndConclude(itemCode: string, extra: Record<string, unknown>): Promise<string> {
    const app = await clerk.request<{ applyNo: string }>('POST', '/api/v1/applications', {
      itemCode,
      applicantType: 'PERSON',
      applicantName: '欧阳明月',
      applicantIdNo: APPLICANT_ID,
      applicantPhone: APPLICANT_PHONE,
      ...extra,
    });
    for (const m of (await clerk.item(itemCode)).materials.filter((x) => x.required)) await clerk.upload(app.applyNo, m.code, `${m.code} of ${app.applyNo}`);
    await clerk.submit(app.applyNo);
    await clerk.waitForState(app.applyNo, 'CONCLUDED');
    return app.applyNo;
  }

  const found = (text: string) => secrets.filter((s) => text.includes(s));

  it('keeps in the audit log who did what to which application, with no ID number, phone, address or password in clear', async () => {
    const rows = await env.platformQuery<{ actor: string; event: string; target: string; outcome: string; detail: string | null }>(
      'SELECT actor, event, target, outcome, CAST(detail AS CHAR) AS detail FROM sec_audit_log ORDER BY id',
    );
    const raw = JSON.stringify(rows);
    expect(found(raw)).toEqual([]);
    // but the record is still what an auditor needs: who, which route, which 申报号, the outcome
    const calls = rows.filter((r) => r.event === 'CALL').map((r) => ({ ...r, detail: JSON.parse(r.detail ?? 'null') as Record<string, any> }));
    const registered = calls.filter((c) => c.target === 'POST /api/v1/applications' && c.detail.result?.applyNo === express);
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ actor: 'window01', outcome: 'SUCCESS' });
    expect(registered[0].detail.request).toMatchObject({
      itemCode: 'PSB-002',
      applicantName: '欧***',
      applicantIdNo: `${APPLICANT_ID.slice(0, 4)}**********${APPLICANT_ID.slice(-4)}`,
      applicantPhone: '135****5678',
      deliveryMethod: 'EXPRESS',
      deliveryAddress: { recipient: '欧***', phone: '187****6677', address: '河南省平顶山***', postcode: '467045' },
    });
    expect(registered[0].detail.request.formData.fromAddress).toBe('河南省郑州市***');
    const handover = calls.find((c) => c.target === 'POST /api/v1/applications/:applyNo/handover')!;
    expect(handover).toMatchObject({ actor: 'window01', detail: { params: { applyNo: pickup }, request: { collectorName: '令**', relation: '代理人' } } });
    expect(handover.detail.request.collectorIdNo).toBe(`${AGENT_ID.slice(0, 4)}**********${AGENT_ID.slice(-4)}`);
    expect(calls.find((c) => c.target === 'POST /api/v1/applications/:applyNo/express')).toMatchObject({
      detail: { params: { applyNo: express }, request: { carrier: 'EMS', waybillNo: 'EA123456785CN' } },
    });
    expect(calls.find((c) => c.target === 'POST /api/v1/applicants/lookup')?.detail.request).toEqual({
      idNo: `${APPLICANT_ID.slice(0, 4)}**********${APPLICANT_ID.slice(-4)}`,
    });
    // a password change is its own event, never a CALL with the body (the raw search above found neither password)
    expect(calls.filter((c) => c.target === 'PUT /api/v1/auth/password')).toEqual([]);
    expect(rows.some((r) => r.event === 'PASSWORD_CHANGED' && r.actor === 'window09')).toBe(true);
    expect(rows.some((r) => r.event === 'ACCOUNT_CREATED' && r.actor === ACCOUNTS.secAdmin.username && r.target === 'window09')).toBe(true);
  });

  it('writes none of those values in clear to the platform log', () => {
    const lines = env.platform!.logs;
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => found(l).length > 0)).toEqual([]);
    // the audit entries are logged too, masked like the table
    expect(lines.some((l) => l.includes('"msg":"audit"') && l.includes(express))).toBe(true);
  });

  it('stores the delivery address, the forms and the collector ID SM4-encrypted; the department gets them in clear', async () => {
    const [app] = await env.platformQuery<{ delivery_address: string; applicant_id_no: string; applicant_phone: string }>(
      'SELECT delivery_address, applicant_id_no, applicant_phone FROM application WHERE apply_no = ?',
      [express],
    );
    const versions = await env.platformQuery<{ form_data: string }>('SELECT form_data FROM application_version WHERE apply_no IN (?, ?)', [express, pickup]);
    const [delivery] = await env.platformQuery<{ collector_id_no: string; collector_name: string }>(
      'SELECT collector_id_no, collector_name FROM application_delivery WHERE apply_no = ?',
      [pickup],
    );
    // the department's 办结 names the recipient and the address: the platform's copy is encrypted too
    const callbacks = await env.platformQuery<{ stage: string; detail: string }>('SELECT stage, detail FROM callback_inbox WHERE apply_no = ?', [express]);
    expect(callbacks.map((c) => c.stage).sort()).toEqual(['ACCEPT', 'CONCLUDE']);
    for (const v of [
      app.delivery_address,
      app.applicant_id_no,
      app.applicant_phone,
      ...versions.map((x) => x.form_data),
      delivery.collector_id_no,
      ...callbacks.map((c) => c.detail),
    ])
      expect(v.startsWith('sm4$')).toBe(true);
    expect(found(JSON.stringify({ app, versions, delivery, callbacks }))).toEqual([]);
    // and the detail answer still shows what the department said
    const own = await clerk.request<{ callbacks: { stage: string; detail: Record<string, any> }[] }>('GET', `/api/v1/applications/${express}`);
    expect(own.callbacks.find((c) => c.stage === 'CONCLUDE')?.detail.delivery).toMatchObject({
      method: 'EXPRESS',
      recipient: RECIPIENT,
      address: ADDRESS.address,
    });
    expect(JSON.stringify(app)).not.toContain(RECIPIENT);
    // the department's contract (docs/front-db.md): the address and the form in clear in its front DB
    const front = await env.front('PSB');
    const [row] = (await front.ds.query(
      'SELECT delivery_recipient, delivery_phone, delivery_address, delivery_postcode, applicant_id_no, form_data FROM ex_acceptance WHERE apply_no = ?',
      [express],
    )) as Record<string, string>[];
    expect(row).toMatchObject({
      delivery_recipient: RECIPIENT,
      delivery_phone: RECIPIENT_PHONE,
      delivery_address: ADDRESS.address,
      delivery_postcode: '467045',
      applicant_id_no: APPLICANT_ID,
    });
    expect(JSON.parse(typeof row.form_data === 'string' ? row.form_data : JSON.stringify(row.form_data))).toMatchObject({ fromAddress: FROM_ADDRESS });
  });

  it('answers the address and the form in full to the registering window and the approver, masked to another window', async () => {
    const own = await clerk.request<Detail>('GET', `/api/v1/applications/${express}`);
    expect(own.deliveryAddress).toEqual(ADDRESS);
    expect(own.versions[0].formData).toMatchObject({ fromAddress: FROM_ADDRESS });
    expect(JSON.stringify(own.versions[0].formData)).toContain(MOVER_ID);
    expect((await approver.request<Detail>('GET', `/api/v1/applications/${express}`)).deliveryAddress).toEqual(ADDRESS);
    const other = await clerk2.request<Detail>('GET', `/api/v1/applications/${express}`);
    expect(other).toMatchObject({ masked: true, applicantPhone: '135****5678', deliveryAddress: { ...ADDRESS, phone: '187****6677' } });
    expect(other.versions[0].formData.fromAddress).toBe('河南省郑州市***');
    expect(found(JSON.stringify(other)).filter((s) => s !== STREET)).toEqual([]);
    // lists mask for everyone
    const list = await clerk.request<{ items: Detail[] }>('POST', '/api/v1/applications/search', { applicant: '欧阳明月', pageSize: 50 });
    expect(list.items.find((a) => a.applyNo === express)?.deliveryAddress?.phone).toBe('187****6677');
  });

  it('encrypts rows written in clear before the migration when it runs again, and leaves encrypted rows alone', async () => {
    // two applications as a previous version wrote them (plain JSON), one encrypted row next to them
    await env.platformQuery(
      `INSERT INTO application (apply_no, item_code, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, delivery_method, delivery_address, state, current_version, created_by, correlation_id)
       SELECT CONCAT(LEFT(apply_no, 16), '9', RIGHT(apply_no, 5)), item_code, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, 'EXPRESS', ?, 'DRAFT', 1, created_by, 'legacy'
         FROM application WHERE apply_no = ?`,
      [JSON.stringify(ADDRESS), express],
    );
    const legacy = `${express.slice(0, 16)}9${express.slice(-5)}`;
    await env.platformQuery("INSERT INTO application_version (apply_no, version, form_data, created_by) VALUES (?, 1, ?, 'window01')", [
      legacy,
      JSON.stringify({ fromAddress: FROM_ADDRESS, moverIdNo: MOVER_ID }),
    ]);
    const [before] = await env.platformQuery<{ delivery_address: string }>('SELECT delivery_address FROM application WHERE apply_no = ?', [express]);
    // the app reads a plaintext row as it is (nothing breaks before the migration ran)
    expect((await clerk.request<Detail>('GET', `/api/v1/applications/${legacy}`)).deliveryAddress).toEqual(ADDRESS);

    await env.platformQuery("DELETE FROM ow_migrations WHERE name = 'EncryptDeliveryAddressFormData1797000000700'");
    await env.migrate();
    expect(env.migrateLog).toContain('1 migration(s) applied');
    const [a] = await env.platformQuery<{ delivery_address: string }>('SELECT delivery_address FROM application WHERE apply_no = ?', [legacy]);
    const [v] = await env.platformQuery<{ form_data: string }>('SELECT form_data FROM application_version WHERE apply_no = ?', [legacy]);
    expect([a.delivery_address.startsWith('sm4$'), v.form_data.startsWith('sm4$')]).toEqual([true, true]);
    expect(found(a.delivery_address + v.form_data)).toEqual([]);
    const [after] = await env.platformQuery<{ delivery_address: string }>('SELECT delivery_address FROM application WHERE apply_no = ?', [express]);
    expect(after.delivery_address).toBe(before.delivery_address);
    // and the app opens the converted rows
    const detail = await clerk.request<Detail>('GET', `/api/v1/applications/${legacy}`);
    expect([detail.deliveryAddress, detail.versions[0].formData]).toEqual([ADDRESS, { fromAddress: FROM_ADDRESS, moverIdNo: MOVER_ID }]);
    // a second run has nothing left to do
    await env.migrate();
    expect(env.migrateLog).not.toMatch(/now SM4-encrypted/);
  });

  it('refuses to start with a test-only switch unless TEST_HOOKS=on, naming it', async () => {
    for (const extra of [{ SUPERVISION_TEST_CLOCK_FILE: '/tmp/any-clock' }, { FAULT_CRASH_POINT: 'after-front-insert' }]) {
      const name = Object.keys(extra)[0];
      const boot = await bootOnce({ ...env.baseEnv(), ...appDbEnv(env.prefix, 'ow'), PORT: String(await freePort()), ...extra });
      expect(boot.code).not.toBe(0);
      expect(boot.output).toContain(
        `${name} is a test-only switch and is refused unless TEST_HOOKS=on (测试专用开关 ${name} 仅在 TEST_HOOKS=on 的测试模式下可用`,
      );
    }
  });
});

/** Starts the platform as production does and waits for it to stop by itself (a refused configuration). */
function bootOnce(extra: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--disable-proto=delete', join(__dirname, '..', 'dist', 'apps', 'one-window', 'src', 'main.js')], {
      env: { ...process.env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('exit', (code) => resolve({ code, output }));
  });
}
