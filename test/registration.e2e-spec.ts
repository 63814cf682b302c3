import { ACCOUNTS } from './support/accounts';
import { ClerkClient, tinyPdf } from './support/clerk-client';
import { waitFor } from './support/env';
import { APPROVER, ExchangeEnv } from './support/exchange-env';
import { AMR_001_FORM, sampleFormData } from './support/form-data';
import { creditCode, DEFAULT_ID_NO, residentIdNo } from './support/identity-numbers';

/** The same JSON with every object's keys in reverse order. */
const reversedKeys = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v)
          .reverse()
          .map(([k, x]) => [k, reversedKeys(x)]),
      )
    : v;

type Violation = { field: string; message: string };
type Answer = { applyNo?: string; code?: string; message?: string; details?: { field?: string; violations?: Violation[] } } & Record<string, unknown>;

const BEIJING_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

/** 受理登记 retried with an Idempotency-Key, and abandoned drafts expired by the platform's job. */
describe('registration idempotency and draft expiry', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let approver: ClerkClient;

  beforeAll(async () => {
    // no department: dispatch is not what this suite looks at
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1', DRAFT_EXPIRE_CRON: '*/1 * * * * *' } });
    await env.startPlatform();
    clerk = await env.clerk();
    approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);
  });

  afterAll(async () => {
    await env?.close();
  });

  const body = (applicantName = '王五', extra: Record<string, unknown> = {}) => ({
    itemCode: 'AMR-001',
    applicantType: 'PERSON',
    applicantName,
    applicantIdNo: DEFAULT_ID_NO,
    applicantPhone: '13800000000',
    formData: AMR_001_FORM,
    deliveryMethod: 'PICKUP',
    ...extra,
  });

  async function post(who: ClerkClient, payload: unknown, key?: string): Promise<{ status: number; replayed: string | null; body: Answer }> {
    const res = await fetch(`${who.base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Answer };
  }

  const count = async (applicantName: string) =>
    Number((await env.platformQuery<{ n: number }>('SELECT COUNT(*) AS n FROM application WHERE applicant_name = ?', [applicantName]))[0].n);

  it('answers a retry with the same key and body with the first 申报号, creating one application', async () => {
    const first = await post(clerk, body('重试甲'), 'key-retry-1');
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const again = await post(clerk, body('重试甲'), 'key-retry-1');
    expect([again.status, again.replayed, again.body.applyNo]).toEqual([201, 'true', first.body.applyNo]);
    // the same request with its keys in another order is the same request
    const reordered = JSON.stringify(reversedKeys(body('重试甲')));
    expect(reordered.startsWith('{"deliveryMethod":"PICKUP","formData":{"contactPhone"')).toBe(true);
    expect((await post(clerk, reordered, 'key-retry-1')).body.applyNo).toBe(first.body.applyNo);
    expect(await count('重试甲')).toBe(1);
    // without a key every request is a new registration
    const a = await post(clerk, body('无键'));
    const b = await post(clerk, body('无键'));
    expect(a.body.applyNo).not.toBe(b.body.applyNo);
  });

  it('refuses the same key with a different body (2010, in Chinese, naming the first 申报号) and creates nothing', async () => {
    const first = await post(clerk, body('重试乙'), 'key-retry-2');
    const other = await post(clerk, body('重试乙', { applicantPhone: '13900000000' }), 'key-retry-2');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('2010');
    expect(other.body.message).toContain('幂等键已用于内容不同的请求');
    expect(other.body.message).toContain(first.body.applyNo);
    expect(await count('重试乙')).toBe(1);
  });

  it('scopes keys to the clerk account', async () => {
    const mine = await post(clerk, body('重试丙'), 'shared-key');
    const theirs = await post(approver, body('重试丙'), 'shared-key');
    expect(theirs.status).toBe(201);
    expect(theirs.replayed).toBeNull();
    expect(theirs.body.applyNo).not.toBe(mine.body.applyNo);
  });

  it('creates one application when retries with the same key race each other', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(clerk, body('并发丁'), 'key-race')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.applyNo)).size).toBe(1);
    expect(answers.filter((a) => a.replayed === null).length).toBe(1);
    expect(await count('并发丁')).toBe(1);
  });

  it('refuses a malformed key with 1003 naming the header', async () => {
    for (const key of ['has space', 'x'.repeat(129)]) {
      const r = await post(clerk, body('坏键'), key);
      expect([r.status, r.body.code, r.body.details?.field]).toEqual([400, '1003', 'Idempotency-Key']);
    }
    expect(await count('坏键')).toBe(0);
  });

  it('expires a draft left without activity for DRAFT_EXPIRE_HOURS (72 by default), with the reason in its timeline', async () => {
    const abandoned = await clerk.register('AMR-001', '弃置');
    const recentUpload = await clerk.register('AMR-001', '刚上传');
    const fresh = await clerk.register('AMR-001', '新登记');
    const submitted = await clerk.apply('AMR-001', '已提交');
    await clerk.upload(abandoned, 'APPLY_FORM', 'old upload');
    await clerk.upload(recentUpload, 'APPLY_FORM', 'recent upload');
    const backdate = async (applyNo: string, withMaterials: boolean) => {
      await env.platformQuery('UPDATE application SET updated_at = NOW(3) - INTERVAL 73 HOUR, created_at = NOW(3) - INTERVAL 73 HOUR WHERE apply_no = ?', [
        applyNo,
      ]);
      await env.platformQuery('UPDATE application_version SET created_at = NOW(3) - INTERVAL 73 HOUR WHERE apply_no = ?', [applyNo]);
      if (withMaterials) await env.platformQuery('UPDATE application_material SET uploaded_at = NOW(3) - INTERVAL 73 HOUR WHERE apply_no = ?', [applyNo]);
    };
    await backdate(abandoned, true);
    await backdate(recentUpload, false);
    await backdate(submitted, true);
    const app = await clerk.waitForState(abandoned, 'EXPIRED', 15_000);
    const entry = app.timeline.find((t) => t.step === 'EXPIRED');
    expect(entry).toMatchObject({ party: 'PLATFORM', operator: 'platform/draft-expiry', note: '草稿超过 72 小时未提交，已自动作废' });
    expect(app.timeline[app.timeline.length - 1].step).toBe('EXPIRED');
    // an expired draft takes nothing more
    const up = await fetch(`${clerk.base}/api/v1/applications/${abandoned}/submit`, { method: 'POST', headers: { authorization: `Bearer ${clerk.token}` } });
    expect([up.status, ((await up.json()) as { code: string }).code]).toEqual([409, '2006']);
    await new Promise((r) => setTimeout(r, 1500)); // another tick or two
    expect((await clerk.get(recentUpload)).state).toBe('DRAFT');
    expect((await clerk.get(fresh)).state).toBe('DRAFT');
    expect((await clerk.get(submitted)).state).not.toBe('EXPIRED');
    const listed = await clerk.request<{ items: { applyNo: string; stateLabel: string }[] }>('GET', '/api/v1/applications?state=EXPIRED');
    expect(listed.items.map((i) => [i.applyNo, i.stateLabel])).toEqual([[abandoned, '已过期']]);
  });

  describe('material uploads', () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR')]);
    const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    const OFD = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(22), Buffer.from([7, 0, 0, 0]), Buffer.from('OFD.xml<ofd:OFD/>', 'latin1')]);
    const DOCX = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.alloc(22),
      Buffer.from([19, 0, 0, 0]),
      Buffer.from('[Content_Types].xml', 'latin1'),
    ]);

    async function upload(
      applyNo: string,
      code: string,
      content: Buffer,
      name: string,
      type: string,
    ): Promise<{ status: number; body: { code?: string; message?: string; fileName?: string; mimeType?: string } }> {
      const fd = new FormData();
      fd.append('file', new Blob([content], { type }), name);
      const res = await fetch(`${clerk.base}/api/v1/applications/${applyNo}/materials/${code}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${clerk.token}` },
        body: fd,
      });
      return { status: res.status, body: (await res.json()) as { code?: string } };
    }

    it("keeps a Chinese file name as typed, on the platform and in the department's front DB", async () => {
      const applyNo = await clerk.register('AMR-002', '中文文件名');
      const r = await upload(applyNo, 'LAYOUT', tinyPdf('经营设施布局图'), '布局图.pdf', 'application/pdf');
      expect([r.status, r.body.fileName, r.body.mimeType]).toEqual([200, '布局图.pdf', 'application/pdf']);
      await clerk.upload(applyNo, 'APPLY_FORM', '申请书');
      await clerk.upload(applyNo, 'BIZ_LICENSE', '营业执照');
      const view = await clerk.get(applyNo);
      expect(view.versions[0].materials.find((m) => m.materialCode === 'LAYOUT')).toMatchObject({ fileName: '布局图.pdf' });
      await clerk.submit(applyNo);
      const front = await env.front('AMR');
      const [row] = await waitFor(
        'the material in the front DB',
        async () =>
          (await front.ds.query("SELECT file_name, mime_type FROM ex_acceptance_material WHERE apply_no = ? AND material_code = 'LAYOUT'", [applyNo])) as {
            file_name: string;
            mime_type: string;
          }[],
      );
      expect(row).toEqual({ file_name: '布局图.pdf', mime_type: 'application/pdf' });
    });

    it('accepts PDF, OFD, JPG and PNG by their content and stores the detected type', async () => {
      const applyNo = await clerk.register('AMR-002', '文件类型');
      expect((await upload(applyNo, 'LAYOUT', PNG, '布局图', 'application/octet-stream')).body).toMatchObject({ mimeType: 'image/png', fileName: '布局图' });
      expect((await upload(applyNo, 'LAYOUT', JPG, 'scan.jpg', 'image/jpeg')).body).toMatchObject({ mimeType: 'image/jpeg' });
      expect((await upload(applyNo, 'LAYOUT', OFD, '布局图.ofd', 'application/ofd')).body).toMatchObject({ mimeType: 'application/ofd' });
      expect((await upload(applyNo, 'LAYOUT', tinyPdf('x'), 'a.pdf', '')).body).toMatchObject({ mimeType: 'application/pdf' });
    });

    it.each([
      ['plain text declared as PDF', Buffer.from('这不是PDF'), '伪装.pdf', 'application/pdf'],
      ['a Word document (a ZIP that is not OFD)', DOCX, '申请书.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['an executable declared as an image', Buffer.from('MZ\x90\x00\x03', 'latin1'), 'photo.png', 'image/png'],
    ])('refuses %s with 2011 in Chinese and stores nothing', async (_what, content, name, type) => {
      const applyNo = await clerk.register('AMR-002', '拒收');
      const r = await upload(applyNo, 'LAYOUT', content, name, type);
      expect([r.status, r.body.code]).toEqual([415, '2011']);
      expect(r.body.message).toContain('材料文件类型不允许');
      expect(r.body.message).toContain('PDF、OFD、JPG、PNG');
      expect((await clerk.get(applyNo)).versions[0].materials).toEqual([]);
    });
  });

  describe('what registration checks (applicant, delivery address, the item form)', () => {
    const refused = async (payload: unknown) => {
      const r = await post(clerk, payload);
      expect([r.status, r.body.code]).toEqual([400, '1003']);
      return r.body;
    };

    it('refuses ID numbers with a wrong check digit, an impossible or future birth date, naming the field, and creates nothing', async () => {
      const withBirth = (birth: string) => residentIdNo(5, birth);
      const cases: [string, string][] = [
        ['410404199001011234', '身份证号码校验位不正确'], // the number the fixtures used to carry
        [withBirth('19900230'), '身份证号码的出生日期不是有效日期'],
        [withBirth('18991231'), '身份证号码的出生日期早于 1900 年'],
        [withBirth('20991231'), '身份证号码的出生日期晚于今天'],
        ['4104041990010112', '身份证号码应为 18 位'],
      ];
      for (const [idNo, reason] of cases) {
        const b = await refused(body('坏证号', { applicantIdNo: idNo }));
        expect(b.message).toContain(reason);
        expect(b.details?.field).toBe('applicantIdNo');
        expect(b.details?.violations).toEqual([{ field: 'applicantIdNo', message: expect.stringContaining(reason) as string }]);
      }
      expect(await count('坏证号')).toBe(0);
      // the standard's own example, with its X (a lower-case x is read as X)
      const ok = await post(clerk, body('证号带X', { applicantIdNo: '11010519491231002x' }));
      expect([ok.status, ok.body.applicantIdNo]).toEqual([201, '11010519491231002X']);
    });

    it('checks a credit code for an ORG applicant: AAAAAAAAAAAAAAAAAA and a wrong check character are refused', async () => {
      const org = (applicantIdNo: string) => body('某某商贸有限公司', { applicantType: 'ORG', applicantIdNo });
      expect((await refused(org('AAAAAAAAAAAAAAAAAA'))).message).toContain('统一社会信用代码');
      const good = creditCode(42);
      const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      expect((await refused(org(wrong))).message).toContain('统一社会信用代码校验位不正确');
      expect((await refused(org('91350100I000100Y43'))).message).toContain('不含 I、O、Z、S、V');
      // a person's ID number is not a credit code
      expect((await refused(org(DEFAULT_ID_NO))).details?.field).toBe('applicantIdNo');
      expect(await count('某某商贸有限公司')).toBe(0);
      for (const code of [good, '91350100M000100Y43']) expect((await post(clerk, org(code))).status).toBe(201);
    });

    it('trims the applicant name and the delivery address, refusing blank ones', async () => {
      expect((await refused(body('   '))).message).toContain('申请人姓名不能为空');
      const address = { recipient: '  李四 ', phone: '13900000000', address: ' 河南省平顶山市石龙区人民路1号 ', postcode: '467045' };
      const express = (a: Record<string, unknown>) => body('  寄件人 ', { deliveryMethod: 'EXPRESS', deliveryAddress: { ...address, ...a } });
      const blankRecipient = await refused(express({ recipient: '  ' }));
      expect([blankRecipient.message, blankRecipient.details?.field]).toEqual(['参数类型或取值错误：收件人不能为空', 'deliveryAddress.recipient']);
      expect((await refused(express({ address: '   ' }))).details?.field).toBe('deliveryAddress.address');
      expect(await count('寄件人')).toBe(0);
      const ok = await post(clerk, express({}));
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ applicantName: '寄件人', deliveryAddress: { recipient: '李四', address: '河南省平顶山市石龙区人民路1号' } });
    });

    it('checks formData against the item’s formFields, listing every problem in Chinese', async () => {
      const form = { ...AMR_001_FORM, entName: '  ', registeredCapital: '一百', entType: '股份合作社', legalRepIdNo: '410404199001011234', 企业名称: 'x' };
      delete (form as Record<string, unknown>).domicile;
      const b = await refused(body('表单有误', { formData: form }));
      expect(b.details?.violations).toEqual([
        { field: 'formData.entName', message: '企业名称必须填写' },
        { field: 'formData.entType', message: '企业类型取值应为 有限责任公司、股份有限公司、个人独资企业、合伙企业 之一' },
        { field: 'formData.registeredCapital', message: '注册资本（万元）应为数值' },
        { field: 'formData.legalRepIdNo', message: '法定代表人身份证号码：身份证号码校验位不正确' },
        { field: 'formData.domicile', message: '住所必须填写' },
        { field: 'formData.企业名称', message: '申请表没有“企业名称”这一项' },
      ]);
      expect(b.message).toBe(`参数类型或取值错误：申请表填写有误：${b.details?.violations?.map((v) => v.message).join('；')}`);
      expect((await refused(body('表单有误', { formData: { ...AMR_001_FORM, businessScope: '经'.repeat(2001) } }))).message).toContain(
        '经营范围长度不能超过 2000 个字符',
      );
      expect(await count('表单有误')).toBe(0);
      // what is accepted is stored with the same keys, strings trimmed
      const ok = await post(clerk, body('表单正确', { formData: { ...AMR_001_FORM, entName: ` ${AMR_001_FORM.entName} ` } }));
      expect(ok.status).toBe(201);
      expect((await clerk.get(ok.body.applyNo ?? '')).versions[0]).toMatchObject({ formData: AMR_001_FORM });
    });

    it('publishes each item’s form fields in the catalog, and every seeded item takes a form built from them', async () => {
      const items = await clerk.request<{ code: string; formFields: { key: string; label: string; type: string; required: boolean }[] }[]>(
        'GET',
        '/api/v1/items',
      );
      expect(items).toHaveLength(15);
      for (const it of items) expect(it.formFields.length).toBeGreaterThan(2);
      const amr = await clerk.item('AMR-001');
      expect(amr.formFields.map((f) => f.label)).toEqual([
        '企业名称',
        '企业类型',
        '注册资本（万元）',
        '法定代表人姓名',
        '法定代表人身份证号码',
        '经营范围',
        '住所',
        '联系电话',
      ]);
      expect(amr.formFields.find((f) => f.key === 'registeredCapital')).toMatchObject({ type: 'number', required: true });
      for (const it of items) {
        const r = await post(clerk, { ...body('每个事项'), itemCode: it.code, formData: sampleFormData(it.formFields as never, 3) });
        expect([it.code, r.status]).toEqual([it.code, 201]);
      }
    });

    it('checks the form of a next version after 补正补齐 the same way, and opens nothing when it is wrong', async () => {
      const applyNo = await clerk.register('AMR-001', '补正表单');
      // the department's 补正补齐 is not what this suite exercises (exchange-lifecycle does): the state is set directly
      await env.platformQuery("UPDATE application SET state = 'SUPPLEMENT_REQUIRED' WHERE apply_no = ?", [applyNo]);
      const open = (formData: unknown) => clerk.request<Answer>('POST', `/api/v1/applications/${applyNo}/versions`, { formData }, [201, 400]);
      const bad = await open({ ...AMR_001_FORM, registeredCapital: -5, extra: 1 });
      expect([bad.code, bad.details?.violations?.map((v) => v.field)]).toEqual(['1003', ['formData.registeredCapital', 'formData.extra']]);
      expect((await clerk.get(applyNo)).currentVersion).toBe(1);
      const good = await open({ ...AMR_001_FORM, entName: '平顶山某某商贸有限公司（更正）' });
      expect(good).toMatchObject({ currentVersion: 2, state: 'DRAFT' });
      expect((await clerk.get(applyNo)).versions[1]).toMatchObject({ formData: { entName: '平顶山某某商贸有限公司（更正）' } });
    });
  });

  describe('answers', () => {
    it('never carry the ID-number blind index, and give every time in +08:00', async () => {
      const created = await post(clerk, body('答复格式'));
      expect(created.body).not.toHaveProperty('applicantIdHash');
      expect(created.body.createdAt).toMatch(BEIJING_TIME);
      const applyNo = created.body.applyNo ?? '';
      await clerk.upload(applyNo, 'APPLY_FORM', '时间格式');
      const detail = await clerk.request<
        Record<string, unknown> & { versions: { createdAt: string; materials: { uploadedAt: string }[] }[]; timeline: { at: string }[] }
      >('GET', `/api/v1/applications/${applyNo}`);
      expect(detail).not.toHaveProperty('applicantIdHash');
      expect(detail.createdAt).toBe(created.body.createdAt);
      for (const t of [
        detail.createdAt,
        detail.updatedAt,
        detail.versions[0].createdAt,
        detail.versions[0].materials[0].uploadedAt,
        ...detail.timeline.map((e) => e.at),
      ])
        expect(t).toMatch(BEIJING_TIME);
      const list = await clerk.request<{ items: Record<string, unknown>[] }>('POST', '/api/v1/applications/search', { applicant: '答复格式' });
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).not.toHaveProperty('applicantIdHash');
      expect(list.items[0].createdAt).toMatch(BEIJING_TIME);
      // a time in a query may be given in +08:00 and means the same instant
      const since = encodeURIComponent(String(created.body.createdAt));
      const fromQuery = await clerk.request<{ items: { applyNo: string }[] }>('GET', `/api/v1/applications?from=${since}&pageSize=200`);
      expect(fromQuery.items.map((a) => a.applyNo)).toContain(created.body.applyNo);
      // and in the body of a search by applicant (never in a URL)
      expect(
        (await clerk.request<{ total: number }>('POST', '/api/v1/applications/search', { applicant: '答复格式', from: String(created.body.createdAt) })).total,
      ).toBe(1);
    });
  });

  describe('applicant lookup', () => {
    const lookup = async (who: ClerkClient, idNo: string) => {
      // the number in the body, never in the URL
      const res = await fetch(`${who.base}/api/v1/applicants/lookup`, {
        method: 'POST',
        headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ idNo }),
      });
      return { status: res.status, body: (await res.json()) as Answer };
    };

    it('finds the most recent application of an ID number, the phone masked for another window', async () => {
      const idNo = residentIdNo(88, '19751203');
      await post(clerk, body('查询旧名', { applicantIdNo: idNo, applicantPhone: '13711112222' }));
      await post(clerk, body('查询新名', { applicantIdNo: idNo, applicantPhone: '13800000000' }));
      const mine = await lookup(clerk, idNo);
      expect(mine).toEqual({
        status: 200,
        body: {
          applicantType: 'PERSON',
          applicantName: '查询新名',
          applicantPhone: '13800000000',
          masked: false,
          lastRegisteredAt: expect.stringMatching(BEIJING_TIME) as string,
        },
      });
      const other = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk2.username, ACCOUNTS.clerk2.password);
      expect((await lookup(other, idNo)).body).toMatchObject({ applicantName: '查询新名', applicantPhone: '138****0000', masked: true });
      expect((await lookup(approver, idNo)).body).toMatchObject({ applicantPhone: '13800000000', masked: false });
      // an ORG by its credit code
      const code = creditCode(777);
      await post(clerk, body('平顶山查询有限公司', { applicantType: 'ORG', applicantIdNo: code }));
      expect((await lookup(clerk, code.toLowerCase())).body).toMatchObject({ applicantType: 'ORG', applicantName: '平顶山查询有限公司' });
    });

    it('answers 2001 for a number without applications and 1003 for a number that cannot exist', async () => {
      const none = await lookup(clerk, residentIdNo(999, '20000101'));
      expect([none.status, none.body.code, none.body.message]).toEqual([404, '2001', '没有该证件号码的申报记录']);
      const bad = await lookup(clerk, '410404199001011234');
      expect([bad.status, bad.body.code, bad.body.details?.field]).toEqual([400, '1003', 'idNo']);
      expect(bad.body.message).toContain('身份证号码校验位不正确');
    });

    it('needs an OPERATOR or APPROVER session', async () => {
      const anonymous = await fetch(`${env.platformUrl}/api/v1/applicants/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ idNo: DEFAULT_ID_NO }),
      });
      expect(anonymous.status).toBe(401);
      const sys = await ClerkClient.login(env.platformUrl, ACCOUNTS.sysAdmin.username, ACCOUNTS.sysAdmin.password);
      const refusedRole = await lookup(sys, DEFAULT_ID_NO);
      expect([refusedRole.status, refusedRole.body.code]).toEqual([403, '6005']);
    });
  });

  it('answers an unknown 申报号 with 2001 / 404 on every route that takes one', async () => {
    const unknown = '410404-20000101-999999';
    const fd = new FormData();
    fd.append('file', new Blob([tinyPdf('x')], { type: 'application/pdf' }), 'x.pdf');
    const calls: [string, string, FormData | string | undefined][] = [
      ['GET', `/api/v1/applications/${unknown}`, undefined],
      ['PUT', `/api/v1/applications/${unknown}/materials/APPLY_FORM`, fd],
      ['POST', `/api/v1/applications/${unknown}/submit`, undefined],
      ['POST', `/api/v1/applications/${unknown}/versions`, '{}'],
    ];
    for (const [method, path, body] of calls) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${clerk.token}`,
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
      };
      const res = await fetch(`${clerk.base}${path}`, { method, headers, body });
      const answer = (await res.json()) as { code: string; message: string };
      expect([method, path, res.status, answer.code]).toEqual([method, path, 404, '2001']);
      expect(answer.message).toContain(unknown);
    }
  });
});
