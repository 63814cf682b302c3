import { ClerkClient, tinyPdf } from './support/clerk-client';
import { ExchangeEnv } from './support/exchange-env';
import { AMR_001_FORM } from './support/form-data';
import { DEFAULT_ID_NO } from './support/identity-numbers';
import { OpsEnv } from './support/ops-env';

jest.setTimeout(240_000);

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Findings of an outside attacker against the REST APIs of the one-window platform, the ops node and
 * the city, each with its regression test: real compiled apps, real MariaDB.
 */
describe('REST input hardening: one-window, ops node, city', () => {
  let ops: OpsEnv;
  let ex: ExchangeEnv;
  let clerk: ClerkClient;

  beforeAll(async () => {
    ops = await OpsEnv.create();
    await ops.startCity();
    await ops.startOps();
    ex = await ExchangeEnv.create();
    await ex.startPlatform();
    clerk = await ex.clerk();
  });

  afterAll(async () => {
    await ops?.close();
    await ex?.close();
  });

  const call = async (url: string, init: RequestInit = {}, auth = false): Promise<{ status: number; body: ErrorBody; ms: number }> => {
    const t0 = Date.now();
    // the platform as a clerk; the ops node as its admin and the city as its monitor (OpsEnv.authFor)
    const session = auth ? { authorization: `Bearer ${clerk.token}` } : await ops.authFor(url);
    const headers: Record<string, string> = {
      ...(init.body !== undefined && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...session,
      ...((init.headers as Record<string, string>) ?? {}),
    };
    const res = await fetch(url, { ...init, headers });
    const text = await res.text();
    let body: ErrorBody;
    try {
      body = JSON.parse(text) as ErrorBody;
    } catch {
      body = { code: '', message: text };
    }
    return { status: res.status, body, ms: Date.now() - t0 };
  };
  const platform = (path: string, init?: RequestInit) => call(`${ex.platformUrl}${path}`, init, true);
  const node = (path: string, init?: RequestInit) => call(`${ops.opsUrl}${path}`, init);
  const city = (path: string, init?: RequestInit) => call(`${ops.cityUrl}${path}`, init);

  describe('NUL, C0/C1 and bidi control characters are refused in every text input', () => {
    const BAD = ['\u0000', '\u202E', '\u2066', '\u001B', '\u0085', '\u200F'];
    const post = (fn: typeof node, path: string, body: unknown, method = 'POST') => fn(path, { method, body: JSON.stringify(body) });
    const resource = (name: string) => ({
      resourceId: 'NET-TEST-01',
      resourceIp: '10.0.0.9',
      resourceClass: 'NETWORK_DEVICE',
      name,
      model: 'S5735',
      brand: '华为',
    });
    const workOrder = (subject: string, content = '请核查链路') => ({
      subject,
      content,
      businessType: '故障处理',
      receiverUnit: '区大数据中心',
      originContact: '张伟',
      originPhone: '0375-1234567',
      opsLevel: 2,
    });

    it('ops node: resource names, node info, work orders (a line break is fine in multi-line content only)', async () => {
      for (const c of BAD) {
        const r = await post(node, '/ops/api/resources', resource(`核心${c}交换机`));
        expect({ c: c.codePointAt(0), status: r.status, code: r.body.code }).toEqual({ c: c.codePointAt(0), status: 400, code: '1003' });
        const n = await post(node, '/ops/api/node-info', { unitName: `石龙区${c}大数据局` }, 'PUT');
        expect([n.status, n.body.code]).toEqual([400, '1003']);
      }
      expect((await node('/ops/api/resources/NET-TEST-01')).status).toBe(404);
      expect((await post(node, '/ops/api/resources', resource('核心\n交换机'))).status).toBe(400); // a name is one line
      expect((await post(node, '/ops/api/work-orders', workOrder('链路\u202E中断'))).status).toBe(400);
      expect((await post(node, '/ops/api/work-orders', workOrder('链路中断', '第一行\u0000'))).status).toBe(400);
      expect((await post(node, '/ops/api/work-orders', workOrder('链路中断', '第一行\n\t第二行'))).status).toBe(201);
      expect((await post(node, '/ops/api/resources', resource('核心交换机 GE1/0/1（上联）👍'))).status).toBe(201);
    });

    it('city: work orders issued down', async () => {
      for (const c of BAD) {
        const r = await post(city, '/city/api/work-orders', {
          nodeCode: 'SLQ-410404',
          subject: `链路${c}中断`,
          content: '请核查',
          businessType: '网络故障',
          opsLevel: 2,
          originContact: '张伟',
          originPhone: '0371-12345678',
        });
        expect([r.status, r.body.code]).toEqual([400, '1003']);
      }
      expect(await ops.query('city_supervisor', 'SELECT order_id FROM city_work_order')).toEqual([]);
    });

    it('one-window: applicant names, form data (keys and values), delivery address, material file names', async () => {
      const app = (over: Record<string, unknown>) => ({
        itemCode: 'AMR-001',
        applicantType: 'PERSON',
        applicantName: '张三',
        applicantIdNo: DEFAULT_ID_NO,
        applicantPhone: '13800000000',
        formData: AMR_001_FORM,
        deliveryMethod: 'PICKUP',
        ...over,
      });
      for (const c of BAD) {
        for (const over of [
          { applicantName: `张${c}三` },
          { formData: { ...AMR_001_FORM, entName: `某某${c}公司` } },
          { formData: { ...AMR_001_FORM, [`ent${c}Name`]: '某某公司' } },
          {
            deliveryMethod: 'EXPRESS',
            deliveryAddress: { recipient: `李${c}四`, phone: '13800000000', address: '河南省平顶山市石龙区人民路1号', postcode: '467045' },
          },
        ]) {
          const r = await platform('/api/v1/applications', { method: 'POST', body: JSON.stringify(app(over)) });
          expect({ over, status: r.status, code: r.body.code }).toEqual({ over, status: 400, code: '1003' });
        }
      }
      expect(Number((await ex.platformQuery<{ n: string }>('SELECT COUNT(*) AS n FROM application'))[0].n)).toBe(0);
      const applyNo = await clerk.register('AMR-001');
      const item = await clerk.item('AMR-001');
      const upload = (name: string) => {
        const fd = new FormData();
        fd.append('file', new Blob([tinyPdf('材料内容')], { type: 'application/pdf' }), name);
        return platform(`/api/v1/applications/${applyNo}/materials/${item.materials[0].code}`, { method: 'PUT', body: fd });
      };
      const bad = await upload('营业执照\u202Efdp.exe');
      expect([bad.status, bad.body.code]).toEqual([400, '1003']);
      expect(bad.body.message).toContain('U+202E');
      expect((await upload('营业执照.pdf')).status).toBe(200);
      const [row] = await ex.platformQuery<{ file_name: string }>('SELECT file_name FROM application_material WHERE apply_no = ?', [applyNo]);
      expect(row.file_name).toBe('营业执照.pdf'); // UTF-8 file names arrive as sent (multer decoded them as latin1)
    });
  });

  describe('validation answers in Chinese, naming the field by its Chinese label', () => {
    const ENGLISH = /\b(must|should|property|not exist|expected|Validation failed)\b/;
    const expectChinese = (r: { status: number; body: ErrorBody }, status: number, code: string, message: unknown, field?: string) => {
      expect({ status: r.status, code: r.body.code, message: r.body.message }).toEqual({ status, code, message });
      expect(JSON.stringify(r.body)).not.toMatch(ENGLISH);
      if (field) expect(r.body.details).toEqual(expect.objectContaining({ field }));
    };

    it('ops node: a missing field (1002), an enumeration, a range, an unknown field, a bad id', async () => {
      expectChinese(
        await node('/ops/api/resources', { method: 'POST', body: JSON.stringify({ resourceIp: '10.0.0.1' }) }),
        400,
        '1002',
        '参数缺失：资源编号必须填写',
        'resourceId',
      );
      expectChinese(
        await node('/ops/api/reporting/RESOURCE/run?mode=SOMETIMES', { method: 'POST' }),
        400,
        '1003',
        '参数类型或取值错误：上报方式取值应为 FULL、INCREMENTAL 之一',
        'mode',
      );
      expectChinese(await node('/ops/api/alerts?limit=99999'), 400, '1003', '参数类型或取值错误：最多返回条数不能大于 5000', 'limit');
      expectChinese(
        await node('/ops/api/node-info', { method: 'PUT', body: JSON.stringify({ unitName: '石龙区大数据局', colour: 'red' }) }),
        400,
        '1003',
        '参数类型或取值错误：不允许的字段 colour',
        'colour',
      );
      expectChinese(await node('/ops/api/alert-rules/abc', { method: 'DELETE' }), 400, '1003', '参数类型或取值错误：编号应为正整数', 'id');
      const r = await node('/ops/api/work-orders', {
        method: 'POST',
        body: JSON.stringify({
          subject: '链路中断',
          content: '请核查',
          businessType: '故障处理',
          receiverUnit: '区大数据中心',
          originContact: '张伟',
          originPhone: 'abc',
          opsLevel: 9,
        }),
      });
      expectChinese(r, 400, '1003', '参数类型或取值错误：联系电话格式不正确', 'originPhone'); // the DTO's own Chinese message
      expect((r.body.details as { violations: { field: string; message: string }[] }).violations).toEqual([
        { field: 'originPhone', message: '联系电话格式不正确' },
        { field: 'opsLevel', message: '运维级别不能大于 4' },
      ]);
    });

    it('city: query enumerations and ids', async () => {
      expectChinese(
        await city('/city/api/reports?category=WEATHER'),
        400,
        '1003',
        '参数类型或取值错误：上报类别取值应为 RESOURCE、SUB_RESOURCE、PERFORMANCE、ALERT、WORK_ORDER、NODE_INFO 之一',
        'category',
      );
      expectChinese(await city('/city/api/reports/99999999999999999999'), 400, '1003', '参数类型或取值错误：编号应为正整数', 'id');
      expectChinese(
        await city('/city/api/work-orders', {
          method: 'POST',
          body: JSON.stringify({
            nodeCode: 'SLQ-410404',
            subject: '链路中断',
            content: '请核查',
            businessType: '网络故障',
            originContact: '张伟',
            originPhone: '0371-12345678',
          }),
        }),
        400,
        '1002',
        '参数缺失：运维级别必须填写',
        'opsLevel',
      );
    });

    it('one-window: the registration form and its nested address', async () => {
      const base = {
        itemCode: 'AMR-001',
        applicantType: 'PERSON',
        applicantName: '张三',
        applicantIdNo: DEFAULT_ID_NO,
        applicantPhone: '13800000000',
        formData: AMR_001_FORM,
        deliveryMethod: 'PICKUP',
      };
      const post = (b: unknown) => platform('/api/v1/applications', { method: 'POST', body: JSON.stringify(b) });
      expectChinese(await post({ itemCode: 'AMR-001' }), 400, '1002', '参数缺失：申请人类型必须填写', 'applicantType');
      expectChinese(await post({ ...base, applicantType: 'ALIEN' }), 400, '1003', '参数类型或取值错误：申请人类型取值应为 PERSON、ORG 之一', 'applicantType');
      expectChinese(
        await post({
          ...base,
          deliveryMethod: 'EXPRESS',
          deliveryAddress: { recipient: '李四', phone: '123', address: '河南省平顶山市石龙区人民路1号', postcode: '467045' },
        }),
        400,
        '1003',
        '参数类型或取值错误：收件人电话格式不正确',
        'deliveryAddress.phone',
      );
      expectChinese(
        await platform('/api/v1/applications?state=LOST'),
        400,
        '1003',
        expect.stringMatching(/^参数类型或取值错误：状态取值应为 [A-Z_、]+ 之一$/),
        'state',
      );
    });
  });

  describe('not found: an unknown route has its own code, each missing record its own words', () => {
    it('an unknown URL or method answers 1009 naming it, on every app', async () => {
      for (const [r, route] of [
        [await node('/ops/api/nope'), 'GET /ops/api/nope'],
        [await node('/ops/api/alerts', { method: 'PUT', body: '{}' }), 'PUT /ops/api/alerts'],
        [await city('/city/api/nodez'), 'GET /city/api/nodez'],
        [await platform('/api/v1/nope'), 'GET /api/v1/nope'],
      ] as const) {
        expect({ status: r.status, code: r.body.code, message: r.body.message }).toEqual({ status: 404, code: '1009', message: `接口不存在：${route}` });
      }
    });

    it('a missing record answers 2001 saying what is missing', async () => {
      for (const [r, message] of [
        [await node('/ops/api/alerts/ALM-NOPE'), '告警 ALM-NOPE 不存在'],
        [await node('/ops/api/resources/NOPE-01'), '资源 NOPE-01 不存在'],
        [await node('/ops/api/work-orders/WO-NOPE'), '工单 WO-NOPE 不存在'],
        [await city('/city/api/nodes/NOBODY-1/resources'), '运维节点 NOBODY-1 未注册'],
        [await city('/city/api/reports/424242'), '上报记录 424242 不存在'],
        [await platform('/api/v1/applications/410404-20261122-999999'), '申报号 410404-20261122-999999 不存在'],
        [await platform('/api/v1/items/NOPE-001'), '事项 NOPE-001 不存在'],
      ] as const) {
        expect({ status: r.status, code: r.body.code, message: r.body.message }).toEqual({ status: 404, code: '2001', message });
      }
    });
  });

  describe('absurd paging values answer 400, never 500', () => {
    const absurd = ['1e308', '-1', '0', '1.5', '99999999999999999999', 'abc', '0x10'];

    it('one-window: page and pageSize of the application list', async () => {
      expect((await platform('/api/v1/applications?page=1&pageSize=5')).status).toBe(200);
      for (const v of absurd) {
        for (const param of ['page', 'pageSize']) {
          const r = await platform(`/api/v1/applications?${param}=${v}`);
          expect({ param, v, status: r.status, code: r.body.code }).toEqual({ param, v, status: 400, code: '1003' });
        }
      }
      const huge = await platform('/api/v1/applications?pageSize=100000');
      expect([huge.status, huge.body.code]).toEqual([400, '1003']);
    });

    it('ops node and city: limits of every list', async () => {
      const lists = [
        (q: string) => node(`/ops/api/alerts?limit=${q}`),
        (q: string) => node(`/ops/api/system-log?limit=${q}`),
        (q: string) => node(`/ops/api/system-log?beforeId=${q}`),
        (q: string) => node(`/ops/api/work-orders?limit=${q}`),
        (q: string) => city(`/city/api/reports?limit=${q}`),
        (q: string) => city(`/city/api/alerts?limit=${q}`),
        (q: string) => city(`/city/api/refusals?limit=${q}`),
        (q: string) => city(`/city/api/reporting-health?staleAfterMinutes=${q}`),
      ];
      for (const list of lists) {
        expect((await list('10')).status).toBe(200);
        for (const v of absurd) {
          const r = await list(v);
          expect({ v, status: r.status, code: r.body.code }).toEqual({ v, status: 400, code: '1003' });
        }
      }
    });

    it('times that are not real instants answer 400 (not an Invalid Date in SQL)', async () => {
      for (const v of ['2026-W01', '20260101', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00.001Z']) {
        for (const r of [
          await city(`/city/api/alerts?from=${encodeURIComponent(v)}`),
          await node(`/ops/api/system-log?from=${encodeURIComponent(v)}`),
          await platform(`/api/v1/applications?from=${encodeURIComponent(v)}`),
        ]) {
          expect({ v, status: r.status, code: r.body.code }).toEqual({ v, status: 400, code: '1003' });
        }
      }
    });
  });
});
