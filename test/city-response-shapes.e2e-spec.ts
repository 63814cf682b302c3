import { ReportCategory, ReportItem, ReportMode } from '@app/ops-contract';
import { CityEnv, NODE_CODE, sample, sealReport } from './support/city-env';
import { assertMatchesSchema, OpenApiDoc, schemaMismatches } from './support/response-shape';

type Row = Record<string, unknown>;

/**
 * The city's REST answers are what its OpenAPI document declares: every route is called for real
 * (after reports of all six categories, a refusal, an issued work order and a downlink record with
 * shadow events exist) and each JSON body is checked against the declared response schema —
 * required properties, types, nullability, enums, and no undeclared field.
 */
describe('city supervisor: real answers match the declared response schemas', () => {
  let env: CityEnv;
  let doc: OpenApiDoc;
  const check = (method: string, path: string, status: number, body: unknown) => assertMatchesSchema(doc, method, path, status, body);

  beforeAll(async () => {
    env = await CityEnv.create({ API_DOCS: 'on' });
    await env.start();
    doc = (await (await fetch(`${env.url}/api/docs-json`)).json()) as OpenApiDoc;
  });

  afterAll(async () => env?.close());

  it('the checker itself refuses a wrong answer (a wrong type, a missing field, an undeclared field)', () => {
    const good = { nodeCode: NODE_CODE, name: 'n', transport: 'http', inboundUrl: 'http://x', nodeInfo: null };
    expect(schemaMismatches(doc, 'get', '/city/api/nodes', 200, [good])).toEqual([]);
    expect(schemaMismatches(doc, 'get', '/city/api/nodes', 200, [{ ...good, nodeCode: 1 }])).toEqual([
      '$[0].nodeCode: integer where the schema declares string',
    ]);
    const { name: _name, ...noName } = good;
    expect(schemaMismatches(doc, 'get', '/city/api/nodes', 200, [noName])).toEqual(['$[0].name: required but missing']);
    expect(schemaMismatches(doc, 'get', '/city/api/nodes', 200, [{ ...good, extra: true }])).toEqual(['$[0].extra: present in the answer but not declared']);
    expect(schemaMismatches(doc, 'get', '/city/api/nodes', 200, [{ ...good, transport: 'ftp' }])).toHaveLength(1);
  });

  it('POST /city/api/ops/secure-messages answers a SubmitResult', async () => {
    const reports: [ReportCategory, ReportMode, ReportItem[]][] = [
      [ReportCategory.NODE_INFO, ReportMode.FULL, [sample.nodeInfo()]],
      [ReportCategory.RESOURCE, ReportMode.INCREMENTAL, [sample.resource('R-1', { url: 'https://10.10.1.1', managementPort: 8443 }), sample.resource('R-2')]],
      [
        ReportCategory.SUB_RESOURCE,
        ReportMode.INCREMENTAL,
        [sample.subResource('R-1-P1', 'R-1'), sample.subResource('R-1-P2', 'R-1', { ip: undefined, status: undefined })],
      ],
      [
        ReportCategory.PERFORMANCE,
        ReportMode.INCREMENTAL,
        [sample.performance('R-1', 'cpu', 20, new Date(Date.now() - 60_000)), sample.performance('R-1', 'cpu', 40.5, new Date())],
      ],
      [ReportCategory.ALERT, ReportMode.INCREMENTAL, [sample.alert('A-1', { resourceId: 'R-1' })]],
      [ReportCategory.WORK_ORDER, ReportMode.INCREMENTAL, [sample.workOrder('SLQ-WO-1', { receiverFeedback: '已处理', status: 'FEEDBACK' })]],
    ];
    for (const [category, mode, items] of reports) {
      const r = await env.submit(sealReport({ category, mode, items }));
      expect(r.status).toBe(200);
      check('post', '/city/api/ops/secure-messages', 200, r.body);
    }
    // a refusal for the refusals view (a bad signature: 3005)
    const bad = sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-X')] });
    expect((await env.submit({ ...bad, mode: 'FULL' })).body.code).toBe('3005');
  });

  it('POST /city/api/work-orders and POST /city/api/downlink answer their declared shapes (201)', async () => {
    const wo = await env.postJson('/city/api/work-orders', {
      nodeCode: NODE_CODE,
      subject: '请核查出口链路',
      content: '请核查区政务外网出口链路并反馈。',
      businessType: '网络故障',
      opsLevel: 2,
      originContact: '张伟',
      originPhone: '0371-12345678',
    });
    expect(wo.status).toBe(201);
    check('post', '/city/api/work-orders', 201, wo.body);
    const dl = await env.postJson('/city/api/downlink', {
      nodeCode: NODE_CODE,
      targetUnit: 'AMR',
      dataType: 'POLICY_NOTICE',
      content: { title: '通知' },
      count: 2,
    });
    expect(dl.status).toBe(201);
    check('post', '/city/api/downlink', 201, dl.body);
    const [first] = dl.body.recordIds as string[];
    const sql = await env.sql();
    await sql.query(
      `INSERT INTO ${env.db('ops_front')}.dl_shadow (record_id, event, operator, detail) VALUES (?, 'TAKEN', 'ops-node', NULL), (?, 'REJECTED', 'ops-node', '验签失败')`,
      [first, first],
    );
  });

  const GETS: [string, string][] = [
    ['/city/api/nodes', '/city/api/nodes'],
    ['/city/api/nodes/{nodeCode}/resources', `/city/api/nodes/${NODE_CODE}/resources`],
    ['/city/api/nodes/{nodeCode}/resources/{resourceId}/sub-resources', `/city/api/nodes/${NODE_CODE}/resources/R-1/sub-resources`],
    ['/city/api/alerts', '/city/api/alerts'],
    ['/city/api/performance/summary', '/city/api/performance/summary'],
    ['/city/api/reports', '/city/api/reports'],
    ['/city/api/refusals', '/city/api/refusals'],
    ['/city/api/reporting-health', '/city/api/reporting-health'],
    ['/city/api/work-orders', '/city/api/work-orders'],
    ['/city/api/downlink', `/city/api/downlink?nodeCode=${NODE_CODE}`],
  ];

  it.each(GETS)('GET %s answers its declared schema', async (path, url) => {
    const body = await env.get<unknown>(url);
    // an empty list would prove nothing about the items
    if (Array.isArray(body)) expect(body.length).toBeGreaterThan(0);
    check('get', path, 200, body);
  });

  it('GET /city/api/reports/{id} and GET /city/api/work-orders/{nodeCode}/{orderId} answer their declared schemas', async () => {
    const [latest] = await env.get<Row[]>('/city/api/reports?limit=1');
    check('get', '/city/api/reports/{id}', 200, await env.get(`/city/api/reports/${String(latest.id)}`));
    const orders = await env.get<Row[]>('/city/api/work-orders');
    expect(orders.map((o) => o.origin).sort()).toEqual(['CITY', 'NODE']);
    for (const o of orders)
      check('get', '/city/api/work-orders/{nodeCode}/{orderId}', 200, await env.get(`/city/api/work-orders/${String(o.nodeCode)}/${String(o.orderId)}`));
  });
});
