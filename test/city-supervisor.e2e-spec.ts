import {
  ReportCategory,
  ReportItem,
  ReportMode,
  SecureMessage,
  SoapSecureMessageClient,
  HttpSecureMessageClient,
  SecureMessageClient,
  SubmitResult,
} from '@app/ops-contract';
import { PeerCallError } from '@app/exchange-contract';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CityEnv, digestOf, keys, newMessageId, NODE_CODE, resign, sample, sealReport } from './support/city-env';

type Row = Record<string, unknown>;

/**
 * The city ops exchange supervisory system as a district node sees it: the six categories over HTTP
 * and SOAP, every refusal of the published receive order with its code, replay protection that
 * survives a restart, OpenSSL interop, and the monitoring queries over what was reported.
 */
describe('city supervisor: report intake and monitoring queries', () => {
  let env: CityEnv;
  let soap: SoapSecureMessageClient;
  let http: HttpSecureMessageClient;

  beforeAll(async () => {
    env = await CityEnv.create({ REPORT_STALE_AFTER_MS: '600000' });
    await env.start();
    soap = await SoapSecureMessageClient.create(env.soapUrl, 30_000);
    http = new HttpSecureMessageClient(`${env.url}/city/api/ops/secure-messages`, 60_000);
  });

  afterAll(async () => {
    soap?.close();
    await env?.close();
  });

  /** The code a client call ends with: the answer's, or the refusal's (HTTP error body / SOAP Fault detail). */
  async function codeOf(client: SecureMessageClient, m: SecureMessage): Promise<string> {
    try {
      return (await client.send(m, `e2e-${m.messageId}`)).code;
    } catch (err) {
      if (err instanceof PeerCallError && err.code) return err.code;
      throw err;
    }
  }

  const now = new Date();
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const perCategory: [ReportCategory, ReportMode, (tag: string) => ReportItem[]][] = [
    [ReportCategory.NODE_INFO, ReportMode.FULL, () => [sample.nodeInfo()]],
    [ReportCategory.RESOURCE, ReportMode.INCREMENTAL, (t) => [sample.resource(`R-${t}`, { resourceClass: 'FIREWALL', name: `防火墙-${t}` })]],
    [
      ReportCategory.SUB_RESOURCE,
      ReportMode.INCREMENTAL,
      (t) => [sample.subResource(`R-${t}-P1`, `R-${t}`), sample.subResource(`R-${t}-P2`, `R-${t}`, { name: 'GE1/0/2' })],
    ],
    [
      ReportCategory.PERFORMANCE,
      ReportMode.INCREMENTAL,
      (t) => [
        sample.performance(`R-${t}`, 'cpu', 20, minutesAgo(3)),
        sample.performance(`R-${t}`, 'cpu', 40, minutesAgo(2)),
        sample.performance(`R-${t}`, 'cpu', 90, minutesAgo(1)),
      ],
    ],
    [ReportCategory.ALERT, ReportMode.INCREMENTAL, (t) => [sample.alert(`A-${t}`, { resourceId: `R-${t}`, severity: 'CRITICAL' })]],
    [ReportCategory.WORK_ORDER, ReportMode.INCREMENTAL, (t) => [sample.workOrder(`SLQ-WO-${t}`)]],
  ];

  describe.each([
    ['HTTP', () => http as SecureMessageClient],
    ['SOAP', () => soap as SecureMessageClient],
  ])('over %s', (transport, client) => {
    const tag = transport.toLowerCase();

    it.each(perCategory.map(([c, m, items]) => [c, m, items] as const))(
      'accepts a %s report (%s), stores it once when sent twice (0001)',
      async (category, mode, items) => {
        const messageId = newMessageId(`${tag}-${category}`);
        const first = await client().send(sealReport({ category, mode, items: items(tag), messageId }), 'e2e');
        expect(first).toMatchObject({ code: '0000', messageId });
        // a retry is signed anew (fresh timestamp and nonce) but keeps its messageId
        const again = await client().send(sealReport({ category, mode, items: items(tag), messageId }), 'e2e');
        expect(again).toMatchObject({ code: '0001', messageId, receivedAt: first.receivedAt });
        const reports = await env.get<Row[]>(`/city/api/reports?nodeCode=${NODE_CODE}&category=${category}`);
        expect(reports.filter((r) => r.messageId === messageId)).toEqual([expect.objectContaining({ transport: tag, mode, itemCount: items(tag).length })]);
      },
    );

    it('makes every category readable through the query API', async () => {
      const nodes = await env.get<Row[]>('/city/api/nodes');
      expect(nodes).toEqual([
        expect.objectContaining({ nodeCode: NODE_CODE, nodeInfo: expect.objectContaining({ unitName: '区大数据中心', nodeLevel: 'DISTRICT' }) }),
      ]);
      const firewalls = await env.get<Row[]>(`/city/api/nodes/${NODE_CODE}/resources?resourceClass=FIREWALL`);
      expect(firewalls).toContainEqual(
        expect.objectContaining({ resourceId: `R-${tag}`, name: `防火墙-${tag}`, resourceClassLabel: '防火墙', removed: false }),
      );
      const ports = await env.get<Row[]>(`/city/api/nodes/${NODE_CODE}/resources/R-${tag}/sub-resources`);
      expect(ports.map((p) => p.subResourceId)).toEqual([`R-${tag}-P1`, `R-${tag}-P2`]);
      const alerts = await env.get<Row[]>(`/city/api/alerts?nodeCode=${NODE_CODE}&severity=CRITICAL&status=FIRING`);
      expect(alerts).toContainEqual(expect.objectContaining({ alertId: `A-${tag}`, resourceId: `R-${tag}` }));
      const orders = await env.get<Row[]>(`/city/api/work-orders?status=PENDING&origin=NODE`);
      expect(orders).toContainEqual(expect.objectContaining({ orderId: `SLQ-WO-${tag}`, statusLabel: '待受理', delivery: null }));
      const from = encodeURIComponent(minutesAgo(10).toISOString());
      const perf = await env.get<Row[]>(`/city/api/performance/summary?nodeCode=${NODE_CODE}&resourceId=R-${tag}&from=${from}`);
      expect(perf).toEqual([expect.objectContaining({ resourceId: `R-${tag}`, metric: 'cpu', min: 20, max: 90, avg: 50, count: 3, subResourceId: null })]);
    });
  });

  describe('refusals, each with its code (HTTP)', () => {
    const resources = () => [sample.resource('R-REF')];
    const base = () => sealReport({ category: ReportCategory.RESOURCE, items: resources() });

    async function expectRefused(body: unknown, status: number, code: string): Promise<void> {
      const r = await env.submit(body);
      expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
      expect(JSON.stringify(r.body)).not.toMatch(/at [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+/);
    }

    it('1002 missing parameter', async () => {
      const { signature: _omit, ...rest } = base();
      await expectRefused(rest, 400, '1002');
    });

    it('3001 a parameter of the wrong type (a number for nodeCode)', async () => {
      await expectRefused({ ...base(), nodeCode: 410404 }, 400, '3001');
    });

    it('3002 a parameter of a bad format or outside its values', async () => {
      await expectRefused({ ...base(), nonce: 'not-hex' }, 400, '3002');
      await expectRefused({ ...base(), category: 'WEATHER' }, 400, '3002');
    });

    it('3003 a timestamp outside the window', async () => {
      await expectRefused(sealReport({ category: ReportCategory.RESOURCE, items: resources(), now: minutesAgo(10) }), 401, '3003');
    });

    it('3004 an unregistered node', async () => {
      await expectRefused(sealReport({ category: ReportCategory.RESOURCE, items: resources(), nodeCode: 'NOBODY-1', signer: keys.stranger }), 401, '3004');
    });

    it('3005 a bad signature (wrong key; a signed field changed)', async () => {
      await expectRefused(sealReport({ category: ReportCategory.RESOURCE, items: resources(), signer: keys.stranger }), 401, '3005');
      await expectRefused({ ...base(), mode: 'FULL' }, 401, '3005');
    });

    it('3006 the same request twice', async () => {
      const m = base();
      expect((await env.submit(m)).body.code).toBe('0000');
      await expectRefused(m, 409, '3006');
    });

    it('3007 a tampered ciphertext', async () => {
      const m = base();
      const c = Buffer.from(m.payload, 'base64');
      c[c.length - 1] ^= 0x01;
      await expectRefused({ ...m, payload: c.toString('base64') }, 400, '3007');
    });

    it('3007 a ciphertext for another key', async () => {
      await expectRefused(sealReport({ category: ReportCategory.RESOURCE, items: resources(), recipient: keys.stranger.publicKey }), 400, '3007');
    });

    it('3008 a payload whose digest differs from the signed one', async () => {
      const m = base();
      await expectRefused(resign({ ...m, payloadDigest: digestOf('something else') }), 400, '3008');
    });

    it('3009 an empty message (a FULL inventory report of nothing; an empty plaintext)', async () => {
      await expectRefused(sealReport({ category: ReportCategory.RESOURCE, mode: ReportMode.FULL, items: [] }), 400, '3009');
      await expectRefused(
        sealReport({
          category: ReportCategory.RESOURCE,
          items: [],
          plaintext: Buffer.alloc(0),
          opts: { encryption: 'SM2-SM4', cipherMode: 'C1C3C2', cipherFormat: 'prefixed04' },
        }),
        400,
        '3009',
      );
    });

    it('3010 a plaintext that is not JSON', async () => {
      await expectRefused(
        sealReport({ category: ReportCategory.RESOURCE, items: [], plaintext: Buffer.from('{"nodeCode": "SLQ-410404", items: [', 'utf8') }),
        400,
        '3010',
      );
    });

    it('3011 an item field that breaks its rule, naming the field', async () => {
      const r = await env.submit(sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-BAD', { resourceIp: '999.1.1.1' })] }));
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 422, code: '3011' });
      expect(JSON.stringify(r.body.details)).toContain('items[0].resourceIp');
    });

    it('3012 a message whose category (or node code) differs from the signed parameters', async () => {
      const plaintext = Buffer.from(
        JSON.stringify({ nodeCode: NODE_CODE, category: 'ALERT', mode: 'INCREMENTAL', generatedAt: new Date().toISOString(), items: [] }),
        'utf8',
      );
      await expectRefused(sealReport({ category: ReportCategory.RESOURCE, items: [], plaintext }), 400, '3012');
      // a node may report its own access-node info only
      await expectRefused(
        sealReport({ category: ReportCategory.NODE_INFO, mode: ReportMode.FULL, items: [sample.nodeInfo({ nodeCode: 'OTHER-NODE' })] }),
        400,
        '3012',
      );
    });

    it('1005 a body over the limit and 1004 a body that is not JSON (HTTP), 1005 over SOAP too', async () => {
      const huge = { ...base(), payload: 'A'.repeat(17 * 1024 * 1024) };
      await expectRefused(huge, 413, '1005');
      await expectRefused('{"version": "1.0", ', 400, '1004');
      const soapReply = await fetch(env.soapUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:gov-ops:secure-message:v1/SubmitMessage"' },
        body: `<x>${'A'.repeat(17 * 1024 * 1024)}</x>`,
      });
      expect(await soapReply.text()).toMatch(/1005/);
    });

    it('records the refusals for the reporting health', async () => {
      const refusals = await env.get<Row[]>(`/city/api/refusals?nodeCode=${NODE_CODE}&limit=1000`);
      const codes = new Set(refusals.map((r) => r.code));
      for (const c of ['3002', '3003', '3005', '3006', '3007', '3008', '3009', '3010', '3011', '3012']) expect(codes).toContain(c);
      expect((await env.get<Row[]>('/city/api/refusals?code=3004')).map((r) => r.nodeCode)).toContain('NOBODY-1');
      // a request whose node code is not even a string is recorded without one
      expect((await env.get<Row[]>('/city/api/refusals?code=3001')).map((r) => r.nodeCode)).toContain(null);
      const health = await env.get<{ nodes: { nodeCode: string; stale: boolean; lastRefusalCode: string; categories: Row[] }[] }>('/city/api/reporting-health');
      const node = health.nodes.find((n) => n.nodeCode === NODE_CODE)!;
      expect(node.stale).toBe(false);
      const res = node.categories.find((c) => c.category === ReportCategory.RESOURCE)!;
      expect(res).toMatchObject({ label: '资源信息', stale: false, lastRefusalCode: expect.stringMatching(/^3\d{3}$/) });
      expect(Number(res.reportsLast24h)).toBeGreaterThanOrEqual(2);
    });
  });

  describe('refusals over SOAP are Faults carrying the code', () => {
    it('1002, 3005, 3006 and 3011 as SOAP Faults', async () => {
      const { signature: _omit, ...unsigned } = sealReport({ category: ReportCategory.ALERT, items: [sample.alert('A-SOAP')] });
      expect(await codeOf(soap, unsigned as SecureMessage)).toBe('1002');
      expect(await codeOf(soap, sealReport({ category: ReportCategory.ALERT, items: [sample.alert('A-SOAP')], signer: keys.stranger }))).toBe('3005');
      const once = sealReport({ category: ReportCategory.ALERT, items: [sample.alert('A-SOAP')] });
      expect(await codeOf(soap, once)).toBe('0000');
      expect(await codeOf(soap, once)).toBe('3006');
      expect(await codeOf(soap, sealReport({ category: ReportCategory.ALERT, items: [sample.alert('A-SOAP', { severity: 'APOCALYPTIC' })] }))).toBe('3011');
    });

    it('serves the WSDL with its public address', async () => {
      const res = await fetch(`${env.soapUrl}?wsdl`);
      expect(res.status).toBe(200);
      const wsdl = await res.text();
      expect(wsdl).toContain('OpsSecureMessageServiceSoap12');
      expect(wsdl).toContain(`location="${env.soapUrl}"`);
    });
  });

  describe('current state', () => {
    it('a FULL resource report removes what it leaves out; an INCREMENTAL one removes only what it marks removed', async () => {
      const list = async (all = false) =>
        (await env.get<Row[]>(`/city/api/nodes/${NODE_CODE}/resources?resourceClass=DATABASE&includeRemoved=${all}`)).map(
          (r) => `${String(r.resourceId)}${r.removed ? ':removed' : ''}`,
        );
      const db = (id: string) => sample.resource(id, { resourceClass: 'DATABASE', name: `数据库-${id}` });
      const nonDb = (await env.get<Row[]>(`/city/api/nodes/${NODE_CODE}/resources`))
        .filter((r) => r.resourceClass !== 'DATABASE')
        .map((r) => sample.resource(String(r.resourceId), { resourceClass: String(r.resourceClass) }));
      const full = async (items: ReportItem[]) =>
        expect((await http.send(sealReport({ category: ReportCategory.RESOURCE, mode: ReportMode.FULL, items: [...nonDb, ...items] }), 'e2e')).code).toBe(
          '0000',
        );
      await full([db('DB-1'), db('DB-2'), db('DB-3')]);
      expect(await list()).toEqual(['DB-1', 'DB-2', 'DB-3']);
      await full([db('DB-1'), db('DB-3')]);
      expect(await list()).toEqual(['DB-1', 'DB-3']);
      expect(await list(true)).toEqual(['DB-1', 'DB-2:removed', 'DB-3']);
      await http.send(sealReport({ category: ReportCategory.RESOURCE, items: [db('DB-3'), { ...db('DB-1'), removed: true }] }), 'e2e');
      expect(await list()).toEqual(['DB-3']);
      // a removed resource that is reported again is live again
      await http.send(sealReport({ category: ReportCategory.RESOURCE, items: [db('DB-2')] }), 'e2e');
      expect(await list()).toEqual(['DB-2', 'DB-3']);
    });

    it('a delayed report cannot roll a row back, and an alert status only moves forward', async () => {
      const newer = sample.resource('R-ORDER', { name: '新名称', updatedAt: new Date().toISOString() });
      const older = sample.resource('R-ORDER', { name: '旧名称', updatedAt: minutesAgo(30).toISOString() });
      await http.send(sealReport({ category: ReportCategory.RESOURCE, items: [newer] }), 'e2e');
      await http.send(sealReport({ category: ReportCategory.RESOURCE, items: [older] }), 'e2e');
      expect((await env.get<Row[]>(`/city/api/nodes/${NODE_CODE}/resources`)).find((r) => r.resourceId === 'R-ORDER')).toMatchObject({ name: '新名称' });
      await http.send(
        sealReport({ category: ReportCategory.ALERT, items: [sample.alert('A-FWD', { status: 'RESOLVED', resolvedAt: new Date().toISOString() })] }),
        'e2e',
      );
      await http.send(sealReport({ category: ReportCategory.ALERT, items: [sample.alert('A-FWD', { status: 'FIRING' })] }), 'e2e');
      expect((await env.get<Row[]>(`/city/api/alerts?nodeCode=${NODE_CODE}`)).find((a) => a.alertId === 'A-FWD')).toMatchObject({ status: 'RESOLVED' });
    });

    it('takes a report of 10 000 performance samples (SM4 envelope) in one message', async () => {
      const start = minutesAgo(60).getTime();
      const items = Array.from({ length: 10_000 }, (_, i) =>
        sample.performance(`R-BULK-${i % 100}`, i % 2 ? 'cpu' : 'mem', i % 100, new Date(start + Math.floor(i / 100) * 1000)),
      );
      const r = await http.send(
        sealReport({ category: ReportCategory.PERFORMANCE, items, opts: { encryption: 'SM2-SM4', cipherMode: 'C1C3C2', cipherFormat: 'raw' } }),
        'e2e',
      );
      expect(r.code).toBe('0000');
      const from = encodeURIComponent(minutesAgo(61).toISOString());
      const summary = await env.get<Row[]>(`/city/api/performance/summary?nodeCode=${NODE_CODE}&from=${from}`);
      const bulk = summary.filter((s) => String(s.resourceId).startsWith('R-BULK-'));
      expect(bulk).toHaveLength(100);
      expect(bulk.reduce((n, s) => n + Number(s.count), 0)).toBe(10_000);
    });
  });

  describe('replay protection across a restart', () => {
    it('refuses after a restart a request it accepted before', async () => {
      const m = sealReport({ category: ReportCategory.WORK_ORDER, items: [sample.workOrder('SLQ-WO-RESTART')] });
      expect((await env.submit(m)).body.code).toBe('0000');
      await env.stop();
      await env.start();
      const again = await env.submit(m);
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: '3006' });
    });
  });

  describe('interop with the OpenSSL CLI', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'city-openssl-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('accepts a report whose payload OpenSSL encrypted to the exported province public key (DER C1C3C2)', async () => {
      writeFileSync(join(dir, 'province_pub.pem'), keys.province.publicKey.toPem());
      const messageId = newMessageId('OPENSSL');
      const plain = Buffer.from(
        JSON.stringify({
          nodeCode: NODE_CODE,
          category: 'ALERT',
          mode: 'INCREMENTAL',
          generatedAt: new Date().toISOString(),
          items: [sample.alert('A-OPENSSL')],
        }),
        'utf8',
      );
      writeFileSync(join(dir, 'plain.json'), plain);
      execFileSync('openssl', [
        'pkeyutl',
        '-encrypt',
        '-pubin',
        '-inkey',
        join(dir, 'province_pub.pem'),
        '-in',
        join(dir, 'plain.json'),
        '-out',
        join(dir, 'cipher.der'),
      ]);
      const der = readFileSync(join(dir, 'cipher.der'));
      expect(der[0]).toBe(0x30); // an ASN.1 SEQUENCE
      // seal with our code for the parameters and the signature, then swap in OpenSSL's ciphertext
      const ours = sealReport({
        category: ReportCategory.ALERT,
        items: [],
        plaintext: plain,
        messageId,
        opts: { encryption: 'SM2', cipherMode: 'C1C3C2', cipherFormat: 'der' },
      });
      const r = await env.submit({ ...ours, payload: der.toString('base64') });
      expect(r.body).toMatchObject({ code: '0000', messageId });
      expect((await env.get<Row[]>(`/city/api/alerts?nodeCode=${NODE_CODE}`)).map((a) => a.alertId)).toContain('A-OPENSSL');
    });
  });

  it('answers SubmitResult-shaped JSON for an accepted HTTP report', async () => {
    const r = await env.submit(sealReport({ category: ReportCategory.NODE_INFO, mode: ReportMode.FULL, items: [sample.nodeInfo()] }));
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['code', 'message', 'messageId', 'receivedAt']);
    const result = r.body as unknown as SubmitResult;
    expect(result.receivedAt).toMatch(/\+08:00$/);
  });
});

describe('city supervisor: purge of reported performance samples', () => {
  let env: CityEnv;
  afterAll(async () => env?.close());

  it('drops samples older than PERF_SAMPLE_RETENTION_DAYS and keeps the recent ones', async () => {
    // a 1 s skew window makes the purge job tick every second
    env = await CityEnv.create({ MAX_CLOCK_SKEW_MS: '1000', PERF_SAMPLE_RETENTION_DAYS: '30' });
    const sql = await env.sql();
    const day = 86_400_000;
    await sql.query(
      `INSERT INTO ${env.db('city_supervisor')}.city_perf_sample (node_code, resource_id, sub_resource_id, metric, value, unit, sampled_at, report_id) VALUES ?`,
      [
        [
          [NODE_CODE, 'R-OLD', '', 'cpu', 1, '%', new Date(Date.now() - 31 * day), 1],
          [NODE_CODE, 'R-NEW', '', 'cpu', 2, '%', new Date(Date.now() - 29 * day), 1],
        ],
      ],
    );
    await env.start();
    const left = async () =>
      ((await sql.query(`SELECT resource_id AS r FROM ${env.db('city_supervisor')}.city_perf_sample ORDER BY r`))[0] as { r: string }[]).map((x) => x.r);
    const deadline = Date.now() + 15_000;
    while ((await left()).includes('R-OLD') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await left()).toEqual(['R-NEW']);
  });
});
