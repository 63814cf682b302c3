import { waitFor } from './support/env';
import { NODE_CODE, OpsEnv } from './support/ops-env';

interface Receipt {
  recordId: string;
  via: string;
  dataType: string;
  content: unknown;
  deliveries: number;
}

jest.setTimeout(180_000);

describe('downlink and work orders from the city (real MariaDB, loopback, SM2)', () => {
  let env: OpsEnv;

  beforeAll(async () => {
    env = await OpsEnv.create();
    await env.startCity();
    await env.startOps();
  });

  afterAll(async () => {
    await env?.close();
  });

  const writeDownlink = (content: unknown, count = 1) =>
    env.json<unknown>(`${env.cityUrl}/city/api/downlink`, {
      method: 'POST',
      body: JSON.stringify({ nodeCode: NODE_CODE, targetUnit: 'AMR', dataType: 'POLICY_NOTICE', content, count }),
    });
  const received = () => env.json<Receipt[]>(`${env.deptSimUrl}/sim/departments/AMR/downlink`);
  const shadow = (recordId: string) => env.query<{ event: string }>('ops_front', 'SELECT event FROM dl_shadow WHERE record_id = ? ORDER BY id', [recordId]);

  it('a record written by the upstream is decrypted by the ops node and delivered once to the unit it names', async () => {
    await env.startDeptSim();
    await writeDownlink({ title: '关于开展网络安全检查的通知', level: 2 }, 3);
    const got = await waitFor('three records at AMR', async () => {
      const r = await received();
      return r.length === 3 ? r : undefined;
    });
    expect(got.every((r) => r.dataType === 'POLICY_NOTICE' && r.deliveries === 1)).toBe(true);
    expect(got[0].content).toEqual({ title: '关于开展网络安全检查的通知', level: 2 });
    expect(got.every((r) => r.via === 'soap')).toBe(true); // AMR talks SOAP in the default topology
    for (const r of got)
      await waitFor(`shadow rows of ${r.recordId}`, async () => (await shadow(r.recordId)).map((s) => s.event).join(',') === 'TAKEN,DELIVERED');
  });

  it('a unit that talks HTTP/JSON gets its record over HTTP', async () => {
    await env.json(`${env.cityUrl}/city/api/downlink`, {
      method: 'POST',
      body: JSON.stringify({ nodeCode: NODE_CODE, targetUnit: 'HPF', dataType: 'RATE_NOTICE', content: { rate: '3.1%' } }),
    });
    const got = await waitFor('the record at HPF', async () => {
      const r = await env.json<Receipt[]>(`${env.deptSimUrl}/sim/departments/HPF/downlink`);
      return r.length === 1 ? r : undefined;
    });
    expect(got[0]).toEqual(expect.objectContaining({ dataType: 'RATE_NOTICE', via: 'http', content: { rate: '3.1%' } }));
  });

  it('with the unit down the record waits, is retried, and is delivered when the unit returns', async () => {
    await env.deptSim!.stop();
    const before = (await env.query<{ n: number }>('ops_node', "SELECT COUNT(*) AS n FROM downlink_delivery WHERE state = 'DELIVERED'"))[0].n;
    await writeDownlink({ title: '停机维护通知' });
    const [pending] = await waitFor('a failed delivery attempt', async () => {
      const rows = await env.query<{ record_id: string; attempts: number; reason: string | null }>(
        'ops_node',
        "SELECT record_id, attempts, reason FROM downlink_delivery WHERE state = 'PENDING'",
      );
      return rows.length === 1 && rows[0].attempts >= 2 && rows[0].reason ? rows : undefined;
    });
    expect((await shadow(pending.record_id)).map((s) => s.event)).toEqual(['TAKEN']);
    await env.startDeptSim();
    await waitFor('the record to reach AMR', async () => (await received()).some((r) => r.recordId === pending.record_id), 60_000);
    const after = (await env.query<{ n: number }>('ops_node', "SELECT COUNT(*) AS n FROM downlink_delivery WHERE state = 'DELIVERED'"))[0].n;
    expect(Number(after)).toBe(Number(before) + 1);
  });

  it('a tampered record is rejected with a shadow row, never forwarded', async () => {
    await env.query(
      'ops_front',
      "INSERT INTO dl_record (record_id, source_node, target_unit, data_type, encryption, cipher_mode, cipher_format, payload, payload_digest, signature) VALUES ('FORGED-1', 'NATIONAL', 'AMR', 'POLICY_NOTICE', 'SM2', 'C1C3C2', 'prefixed04', 'AAAA', REPEAT('0', 64), 'AAAA')",
    );
    await waitFor('the forged record to be rejected', async () => (await shadow('FORGED-1')).some((s) => s.event === 'REJECTED'));
    const [row] = await env.query<{ state: string; reason: string }>('ops_node', "SELECT state, reason FROM downlink_delivery WHERE record_id = 'FORGED-1'");
    expect(row).toEqual({ state: 'REJECTED', reason: 'cannot open record: signature' });
    expect((await received()).some((r) => r.recordId === 'FORGED-1')).toBe(false);
  });

  it('a work order issued by the city arrives at the district, and its progress goes back in the next report', async () => {
    const issued = await env.json<Record<string, unknown>>(`${env.cityUrl}/city/api/work-orders`, {
      method: 'POST',
      body: JSON.stringify({
        nodeCode: NODE_CODE,
        subject: '市级巡检：防火墙策略核查',
        content: '请核查互联网边界防火墙的对外开放端口策略',
        businessType: '巡检',
        opsLevel: 3,
        originContact: '赵主任',
        originPhone: '0375-1234567',
      }),
    });
    const orderId = String(issued.orderId);
    const local = await waitFor('the order at the district', async () => {
      const r = await fetch(`${env.opsUrl}/ops/api/work-orders/${encodeURIComponent(orderId)}`, { headers: await env.authFor(`${env.opsUrl}/ops/api/`) });
      return r.ok ? ((await r.json()) as { origin: string; status: string }) : undefined;
    });
    expect(local).toEqual(expect.objectContaining({ origin: 'CITY', status: 'PENDING' }));
    for (const action of ['accept', 'start'])
      await env.json(`${env.opsUrl}/ops/api/work-orders/${encodeURIComponent(orderId)}/actions`, { method: 'POST', body: JSON.stringify({ action }) });
    await env.json(`${env.opsUrl}/ops/api/work-orders/${encodeURIComponent(orderId)}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'feedback', feedback: '已核查，关闭 3 条多余策略' }),
    });
    await new Promise((r) => setTimeout(r, 2100));
    await env.runReport('WORK_ORDER', 'INCREMENTAL');
    await env.waitOutboxDrained();
    const atCity = await env.json<Record<string, unknown>[]>(`${env.cityUrl}/city/api/work-orders?nodeCode=${NODE_CODE}`);
    const o = atCity.find((x) => x.orderId === orderId);
    expect(JSON.stringify(o)).toContain('FEEDBACK');
    expect(JSON.stringify(o)).toContain('已核查');
  });
});
