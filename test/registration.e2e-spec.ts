import { ClerkClient, tinyPdf } from './support/clerk-client';
import { waitFor } from './support/env';
import { APPROVER, ExchangeEnv } from './support/exchange-env';

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
    applicantIdNo: '410404199001011234',
    applicantPhone: '13800000000',
    formData: { 企业名称: '平顶山某某商贸有限公司', 注册资本: 100 },
    deliveryMethod: 'PICKUP',
    ...extra,
  });

  async function post(
    who: ClerkClient,
    payload: unknown,
    key?: string,
  ): Promise<{ status: number; replayed: string | null; body: { applyNo?: string; code?: string; message?: string; details?: Record<string, unknown> } }> {
    const res = await fetch(`${who.base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as { applyNo?: string } };
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
    const reordered = `{"deliveryMethod":"PICKUP","formData":{"注册资本":100,"企业名称":"平顶山某某商贸有限公司"},"applicantPhone":"13800000000","applicantIdNo":"410404199001011234","applicantName":"重试甲","applicantType":"PERSON","itemCode":"AMR-001"}`;
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
