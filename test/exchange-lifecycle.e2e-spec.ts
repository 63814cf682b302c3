import { Stage } from '@app/exchange-contract';
import { ClerkClient } from './support/clerk-client';
import { APPROVER, ExchangeEnv, SIM_CONTROL_TOKEN } from './support/exchange-env';

/** One item of each 业务分类; AMR/HOUSING/PSB talk SOAP, HPF/DRC talk HTTP/JSON in the default topology. */
const ONE_PER_CATEGORY = ['AMR-001', 'HOUSING-001', 'HPF-002', 'PSB-003', 'DRC-001'];

describe('exchange lifecycle (real MariaDB, real loopback SOAP and HTTP)', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await env.clerk();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('concludes one application of every category, each step recorded once in the shadow table', async () => {
    const applyNos = await Promise.all(ONE_PER_CATEGORY.map((code) => clerk.apply(code)));
    for (const applyNo of applyNos) {
      const app = await clerk.waitForState(applyNo, 'CONCLUDED');
      expect(app.result).toBe('APPROVED');
      const steps = app.timeline.map((t) => t.step);
      // each step once; the timeline is in time order, which fixes every causal pair. The department
      // may write 办结 before the platform has taken 受理 (its clock is its own), but the platform
      // takes 办结 only after 受理.
      expect([...steps].sort()).toEqual([
        'ACCEPTANCE_TAKEN',
        'ACCEPTANCE_WRITTEN',
        'ACCEPT_TAKEN',
        'ACCEPT_WRITTEN',
        'CONCLUDE_TAKEN',
        'CONCLUDE_WRITTEN',
        'REGISTERED',
        'SUBMITTED',
      ]);
      const before = (a: string, b: string) => expect([a, b, steps.indexOf(a) < steps.indexOf(b)]).toEqual([a, b, true]);
      for (const [a, b] of [
        ['REGISTERED', 'SUBMITTED'],
        ['SUBMITTED', 'ACCEPTANCE_WRITTEN'],
        ['ACCEPTANCE_WRITTEN', 'ACCEPTANCE_TAKEN'],
        ['ACCEPTANCE_TAKEN', 'ACCEPT_WRITTEN'],
        ['ACCEPT_WRITTEN', 'ACCEPT_TAKEN'],
        ['ACCEPT_WRITTEN', 'CONCLUDE_WRITTEN'],
        ['CONCLUDE_WRITTEN', 'CONCLUDE_TAKEN'],
        ['ACCEPT_TAKEN', 'CONCLUDE_TAKEN'],
      ])
        before(a, b);
      const taken = app.timeline.find((t) => t.step === 'ACCEPTANCE_TAKEN')!;
      expect(taken.party).toBe(app.deptCode);
      expect(app.callbacks.map((c) => `${c.stage}:${c.outcome}`)).toEqual(['ACCEPT:APPLIED', 'CONCLUDE:APPLIED']);
    }
    const categories = await Promise.all(ONE_PER_CATEGORY.map(async (c) => (await clerk.item(c)).category));
    expect(new Set(categories).size).toBe(5);
  });

  it('numbers applications uniquely and readably', async () => {
    const nos = await Promise.all([1, 2, 3, 4, 5, 6].map(() => clerk.register('PSB-001')));
    expect(new Set(nos).size).toBe(6);
    for (const n of nos) expect(n).toMatch(/^410404-\d{8}-\d{6}$/);
  });

  it('refuses to submit while a required material is missing, naming it', async () => {
    const applyNo = await clerk.register('HPF-001');
    const res = await fetch(`${clerk.base}/api/v1/applications/${applyNo}/submit`, { method: 'POST', headers: { authorization: `Bearer ${clerk.token}` } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; details: { missing: string[] } };
    expect(body.code).toBe('2005');
    expect(body.details.missing).toEqual(['OPEN_FORM', 'ID_CARD']);
  });

  it('rejects bad input with a code and loses nothing', async () => {
    const bad = await fetch(`${clerk.base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk.token}` },
      body: JSON.stringify({ itemCode: 'AMR-001', applicantType: 'ALIEN' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('1003');
    const anon = await fetch(`${clerk.base}/api/v1/applications`);
    expect(anon.status).toBe(401);
  });
});

describe('补正补齐 cycle', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 } });
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await env.clerk();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('v1 补正补齐 → v2 受理 → 办结, with untouched materials carried over', async () => {
    const applyNo = await clerk.apply('HOUSING-002');
    const v1 = await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    const asked = v1.versions[0].supplementRequest!.materials.map((m) => m.code);
    expect(asked.length).toBe(1);

    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    await clerk.upload(applyNo, asked[0], 'a clearer scan');
    await clerk.submit(applyNo);
    const done = await clerk.waitForState(applyNo, 'CONCLUDED');

    expect(done.currentVersion).toBe(2);
    expect(done.callbacks.map((c) => `${c.version}:${c.stage}`)).toEqual(['1:SUPPLEMENT', '2:ACCEPT', '2:CONCLUDE']);
    const v2 = done.versions.find((v) => v.version === 2)!;
    const replaced = v2.materials.find((m) => m.materialCode === asked[0])!;
    expect(replaced.carriedFromVersion).toBeNull();
    expect(v2.materials.filter((m) => m.carriedFromVersion === 1).length).toBe(v2.materials.length - 1);
    expect(done.timeline.filter((t) => t.step === 'ACCEPTANCE_TAKEN').map((t) => t.version)).toEqual([1, 2]);
  });
});

describe('simulator controls', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('changes only the profile fields that were sent', async () => {
    env = await ExchangeEnv.create();
    await env.startDeptSim();
    const before = ((await (await fetch(`${env.deptSimUrl}/sim/departments`)).json()) as { code: string; profile: Record<string, number> }[]).find(
      (d) => d.code === 'AMR',
    )!.profile;
    expect(
      (
        await fetch(`${env.deptSimUrl}/sim/departments/AMR/profile`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rejectRate: 0.9 }),
        })
      ).status,
    ).toBe(401);
    const res = await fetch(`${env.deptSimUrl}/sim/departments/AMR/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SIM_CONTROL_TOKEN}` },
      body: JSON.stringify({ rejectRate: 0.5 }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { profile: Record<string, number> }).profile).toEqual({ ...before, rejectRate: 0.5 });
    const bad = await fetch(`${env.deptSimUrl}/sim/departments/AMR/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SIM_CONTROL_TOKEN}` },
      body: JSON.stringify({ rejectRate: 2 }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('correlation id', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it("follows an application from the clerk's submit through every shadow row and both apps' logs", async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    await env.startDeptSim();
    const clerk = await env.clerk();
    const applyNos = [await clerk.register('PSB-003'), await clerk.register('AMR-003')];
    for (const [i, applyNo] of applyNos.entries()) {
      const item = await clerk.item(i === 0 ? 'PSB-003' : 'AMR-003');
      for (const m of item.materials.filter((x) => x.required)) await clerk.upload(applyNo, m.code, m.code);
    }
    // two submissions with their own ids, close together so they share dispatch batches
    clerk.correlationId = 'cid-psb-0001';
    await clerk.submit(applyNos[0]);
    clerk.correlationId = 'cid-amr-0002';
    await clerk.submit(applyNos[1]);
    clerk.correlationId = undefined;
    for (const [i, applyNo] of applyNos.entries()) {
      const app = await clerk.waitForState(applyNo, 'CONCLUDED');
      const shadowSteps = app.timeline.filter((t) => /_(WRITTEN|TAKEN)$/.test(t.step));
      expect(shadowSteps.length).toBe(6);
      expect(new Set(shadowSteps.map((t) => (t as { correlationId?: string }).correlationId))).toEqual(new Set([i === 0 ? 'cid-psb-0001' : 'cid-amr-0002']));
    }
    const dispatched = env.platform!.logs.filter((l) => l.includes('"msg":"dispatched"'));
    expect(dispatched.some((l) => l.includes('cid-psb-0001') && l.includes(applyNos[0]))).toBe(true);
    expect(env.platform!.logs.some((l) => l.includes('"msg":"callbacks taken"') && l.includes('cid-amr-0002'))).toBe(true);
  });
});

describe('large payloads', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('dispatches a 9 MB material and takes a callback whose detail exceeds 64 KB', async () => {
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 } });
    await env.startPlatform();
    await env.startDeptSim();
    const clerk = await env.clerk();
    const applyNo = await clerk.register('PSB-003');
    const big = 'x'.repeat(9 * 1024 * 1024); // 18 MB as hex in SQL: over a default 16 MB max_allowed_packet
    const { sm3, sizeBytes } = await clerk.upload(applyNo, 'QUERY_FORM', big);
    expect(sizeBytes).toBeGreaterThan(big.length);
    await clerk.upload(applyNo, 'ID_CARD', 'id card scan');
    await clerk.submit(applyNo);
    await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED', 60_000);
    const [row] = (await (
      await env.front('PSB')
    ).ds.query(`SELECT sm3, LENGTH(content) AS n FROM ex_acceptance_material WHERE apply_no = ? AND material_code = 'QUERY_FORM'`, [applyNo])) as {
      sm3: string;
      n: number;
    }[];
    expect({ sm3: row.sm3, n: Number(row.n) }).toEqual({ sm3, n: sizeBytes });

    // the department answers version 2 with a very long supplement list, written by hand
    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    await clerk.upload(applyNo, 'ID_CARD', 'id card scan, again'); // the simulator flagged the first material by code
    await env.deptSim!.stop();
    await clerk.submit(applyNo);
    await clerk.waitForState(applyNo, 'DISPATCHED');
    const front = await env.front('PSB');
    const materials = Array.from({ length: 1500 }, (_, i) => ({ code: 'ID_CARD', reason: `第${i}项：证件照片模糊，请到窗口重新拍摄并核对姓名、号码与有效期` }));
    await front.inTx((q) =>
      front.writeCallback(
        q,
        {
          applyNo,
          version: 2,
          stage: Stage.SUPPLEMENT,
          outcome: null,
          opinion: '材料需补正',
          detail: { materials },
          handledBy: 'PSB-手工',
          handledAt: new Date(),
          correlationId: 'big-detail',
        },
        [],
        'PSB',
      ),
    );
    expect(Buffer.byteLength(JSON.stringify({ materials }))).toBeGreaterThan(150_000);
    const app = await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED', 30_000); // taken by the platform scan
    expect(app.versions.find((v) => v.version === 2)!.supplementRequest!.materials.length).toBe(1500);
  });

  it('writes a batch into the front DB in transactions of at most DISPATCH_TX_BYTES of files', async () => {
    await env?.close();
    env = await ExchangeEnv.create();
    await env.startPlatform({ DISPATCH_TX_BYTES: String(1024 * 1024) });
    await env.startDeptSim();
    const clerk = await env.clerk();
    const approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);
    // held, so that all three are claimed together and must be split
    await approver.request('PUT', '/api/v1/ops/dispatch-holds/PSB', { minutes: 5, reason: '测试' });
    const digests = new Map<string, string>();
    const sizes = new Map<string, number>();
    for (let i = 0; i < 3; i++) {
      const applyNo = await clerk.register('PSB-003');
      const up = await clerk.upload(applyNo, 'QUERY_FORM', `${i}`.repeat(600 * 1024));
      expect(up.sizeBytes).toBeGreaterThan(600 * 1024);
      digests.set(applyNo, up.sm3);
      sizes.set(applyNo, up.sizeBytes);
      await clerk.upload(applyNo, 'ID_CARD', 'id card scan');
      await clerk.submit(applyNo);
    }
    await approver.request('DELETE', '/api/v1/ops/dispatch-holds/PSB', undefined, [204]);
    for (const applyNo of digests.keys()) await clerk.waitForState(applyNo, 'CONCLUDED', 60_000);
    const split = env.platform!.logs.filter((l) => l.includes('"msg":"front DB write split by size"'));
    expect(split.length).toBeGreaterThan(0);
    expect(Math.max(...split.map((l) => (JSON.parse(l) as { transactions: number }).transactions))).toBeGreaterThanOrEqual(2);
    const rows = (await (
      await env.front('PSB')
    ).ds.query(`SELECT apply_no, sm3, LENGTH(content) AS n FROM ex_acceptance_material WHERE material_code = 'QUERY_FORM' AND apply_no IN (?)`, [
      [...digests.keys()],
    ])) as { apply_no: string; sm3: string; n: number }[];
    expect(new Map(rows.map((r) => [r.apply_no, r.sm3]))).toEqual(digests);
    expect(new Map(rows.map((r) => [r.apply_no, Number(r.n)]))).toEqual(sizes);
  });
});
