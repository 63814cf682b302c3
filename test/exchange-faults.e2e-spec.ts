import { ACCOUNTS, API_PREFIX, login } from './support/accounts';
import { ClerkClient } from './support/clerk-client';
import { createConnection } from 'mysql2/promise';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, testDb, testTopologyFile, waitFor } from './support/env';
import { ExchangeEnv } from './support/exchange-env';

const MIXED = ['AMR-002', 'HOUSING-003', 'HPF-003', 'PSB-002', 'DRC-002', 'AMR-001'];

async function count(env: ExchangeEnv, dept: string, sql: string, params: unknown[] = []): Promise<number> {
  const rows = (await (await env.front(dept)).ds.query(sql, params)) as { n: string }[];
  return Number(rows[0].n);
}

describe('department endpoint down', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('concludes everything through the department scan once the department is back', async () => {
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '2' } });
    await env.startPlatform();
    const clerk = await env.clerk();
    const applyNos = await Promise.all(MIXED.map((c) => clerk.apply(c)));
    // the platform tries, fails (connection refused) and gives the notifications up
    await waitFor('every notification given up', async () => {
      const rows = await env.platformQuery<{ state: string; n: number }>('SELECT state, COUNT(*) AS n FROM dispatch_outbox GROUP BY state');
      return rows.length === 1 && rows[0].state === 'UNNOTIFIED' && Number(rows[0].n) === MIXED.length;
    });
    for (const n of applyNos) expect((await clerk.get(n)).state).toBe('DISPATCHED');

    await env.startDeptSim();
    for (const n of applyNos) await clerk.waitForState(n, 'CONCLUDED');
    const counters = await env.simCounters();
    const viaScan = counters.reduce((s, d) => s + d.counters.takenViaScan, 0);
    const viaNotify = counters.reduce((s, d) => s + d.counters.takenViaNotify, 0);
    expect(viaScan).toBe(MIXED.length);
    expect(viaNotify).toBe(0);
    // the scan superseded the notifications: the outbox is settled, /health shows nothing left unnotified
    const health = await waitFor("the outbox settled by the department's takes", async () => {
      const h = (await (await env.health()).json()) as { outbox: Record<string, number> };
      return h.outbox.UNNOTIFIED === undefined ? h : undefined;
    });
    expect(health.outbox).toEqual({ TAKEN: MIXED.length });
  });
});

describe('platform callback endpoint down', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('concludes everything through the platform scan once the platform is back', async () => {
    env = await ExchangeEnv.create({ profile: { concludeDelayMs: 2500 }, deptSimEnv: { NOTIFY_MAX_ATTEMPTS: '2' } });
    await env.startPlatform();
    await env.startDeptSim();
    const clerk = await env.clerk();
    const applyNos = await Promise.all(MIXED.map((c) => clerk.apply(c)));
    for (const n of applyNos) await clerk.waitForState(n, 'ACCEPTED');
    await env.platform!.kill();

    // every 办结 is written while the platform is away and its notification is given up
    await waitFor(
      '办结 written and notifications given up',
      async () => {
        let done = 0;
        for (const d of ['AMR', 'HOUSING', 'HPF', 'PSB', 'DRC']) {
          done += await count(
            env,
            d,
            `SELECT COUNT(*) AS n FROM sim_job WHERE kind = 'NOTIFY' AND stage = 'CONCLUDE' AND state = 'DONE' AND note LIKE 'GAVE_UP%'`,
          );
        }
        return done === MIXED.length;
      },
      60_000,
    );

    await env.startPlatform();
    for (const n of applyNos) {
      const app = await clerk.waitForState(n, 'CONCLUDED');
      expect(app.callbacks.find((c) => c.stage === 'CONCLUDE')!.via).toBe('SCAN');
    }
  });
});

describe('platform killed between the front-DB insert and the notification', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('completes the application exactly once after restart', async () => {
    env = await ExchangeEnv.create();
    await env.startDeptSim();
    await env.startPlatform({ TEST_HOOKS: 'on', FAULT_CRASH_POINT: 'after-front-insert' });
    const clerk = await env.clerk();
    const applyNo = await clerk.register('PSB-003');
    for (const m of ['QUERY_FORM', 'ID_CARD']) await clerk.upload(applyNo, m, `${m} scan`);
    await clerk.submit(applyNo).catch(() => undefined); // the process may die before answering

    const exit = await env.platform!.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(await count(env, 'PSB', 'SELECT COUNT(*) AS n FROM ex_acceptance WHERE apply_no = ?', [applyNo])).toBe(1);
    const [outbox] = await env.platformQuery<{ state: string }>('SELECT state FROM dispatch_outbox WHERE apply_no = ?', [applyNo]);
    expect(outbox.state).toBe('PENDING');

    await env.startPlatform();
    const app = await clerk.waitForState(applyNo, 'CONCLUDED');
    expect(app.result).toBe('APPROVED');
    const psb = (sql: string) => count(env, 'PSB', sql, [applyNo]);
    expect(await psb('SELECT COUNT(*) AS n FROM ex_acceptance WHERE apply_no = ?')).toBe(1);
    expect(await psb(`SELECT COUNT(*) AS n FROM ex_shadow WHERE apply_no = ? AND stage = 'ACCEPTANCE'`)).toBe(2); // WRITTEN + TAKEN
    expect(await psb(`SELECT COUNT(*) AS n FROM sim_job WHERE apply_no = ? AND kind = 'PROCESS'`)).toBe(1);
    expect(await psb('SELECT COUNT(*) AS n FROM ex_callback WHERE apply_no = ?')).toBe(2);
    const inbox = await env.platformQuery<{ n: number }>('SELECT COUNT(*) AS n FROM callback_inbox WHERE apply_no = ?', [applyNo]);
    expect(Number(inbox[0].n)).toBe(2);
    await waitFor(
      'outbox settled',
      async () => (await env.platformQuery<{ state: string }>('SELECT state FROM dispatch_outbox WHERE apply_no = ?', [applyNo]))[0].state === 'NOTIFIED',
    );
  });
});

describe('two platform replicas on the same databases', () => {
  let env: ExchangeEnv;
  let second: ExchangeEnv['platform'];
  afterAll(async () => {
    await second?.stop();
    await env?.close();
  });

  it('dispatch and scan every record exactly once when every callback notification is lost', async () => {
    env = await ExchangeEnv.create({ profile: { callbackLossRate: 1 } });
    await env.startDeptSim();
    await env.startPlatform();
    const port = await freePort();
    second = await env.startPlatform({}, port);
    const clerks = [
      await ClerkClient.login(env.platformUrl, 'window01', 'Chuangkou#2026'),
      await ClerkClient.login(`http://127.0.0.1:${port}`, 'window01', 'Chuangkou#2026'),
    ];
    const items = ['AMR-001', 'HOUSING-001', 'HPF-001', 'PSB-001', 'DRC-001'];
    const applyNos = await Promise.all(Array.from({ length: 20 }, (_, i) => clerks[i % 2].apply(items[i % items.length])));
    for (const n of applyNos) await clerks[0].waitForState(n, 'CONCLUDED', 60_000);

    const inbox = await env.platformQuery<{ via: string; n: number }>('SELECT via, COUNT(*) AS n FROM callback_inbox GROUP BY via');
    expect(inbox).toEqual([{ via: 'SCAN', n: 40 }]);
    const dup = await env.platformQuery<{ n: number }>(
      'SELECT COUNT(*) AS n FROM (SELECT apply_no FROM dispatch_outbox GROUP BY apply_no, version HAVING COUNT(*) > 1) x',
    );
    expect(Number(dup[0].n)).toBe(0);
    let taken = 0;
    for (const d of items.map((i) => i.split('-')[0]))
      taken += await count(env, d, `SELECT COUNT(*) AS n FROM ex_shadow WHERE event = 'TAKEN' AND stage <> 'ACCEPTANCE'`);
    expect(taken).toBe(40);
  });
});

describe("a department's front DB unreachable when the apps start", () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('starts anyway, serves the other departments, reports the outage, and catches up when the DB is back', async () => {
    env = await ExchangeEnv.create({ platformEnv: { FRONT_DB_RETRY_MS: '500' }, deptSimEnv: { FRONT_DB_RETRY_MS: '500' } });
    const admin = await createConnection(testDb());
    await admin.query(`DROP DATABASE \`${env.prefix}fe_psb\``);
    await admin.end();
    await env.startPlatform();
    await env.startDeptSim();

    const sysHeaders = { authorization: `Bearer ${await login(env.platformUrl, API_PREFIX['one-window'], ACCOUNTS.sysAdmin)}` };
    const health = await fetch(`${env.platformUrl}/health`, { headers: sysHeaders });
    expect(health.status).toBe(503);
    expect(((await health.json()) as { frontDbs: Record<string, string> }).frontDbs).toMatchObject({ PSB: expect.stringMatching(/^down: /), HPF: 'up' });

    const clerk = await env.clerk();
    const psb = await clerk.apply('PSB-003');
    const hpf = await clerk.apply('HPF-001');
    await clerk.waitForState(hpf, 'CONCLUDED');
    const waiting = (await clerk.get(psb)) as Awaited<ReturnType<ClerkClient['get']>> & { frontDbAvailable: boolean };
    expect(waiting.state).toBe('SUBMITTED');
    expect(waiting.frontDbAvailable).toBe(false);
    expect(waiting.timeline.map((t) => t.step)).toEqual(['REGISTERED', 'SUBMITTED']);

    // the DBA restores the front DB
    await env.migrate();
    await clerk.waitForState(psb, 'CONCLUDED', 60_000);
    expect((await fetch(`${env.platformUrl}/health`, { headers: sysHeaders })).status).toBe(200);
  });
});

describe('a material corrupted in the front DB', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('is refused by the department with a 补正补齐 naming it, and the resubmitted version concludes', async () => {
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1' } });
    await env.startPlatform();
    const clerk = await env.clerk();
    const applyNo = await clerk.apply('AMR-002');
    const front = await env.front('AMR');
    await waitFor(
      'the acceptance in the front DB',
      async () =>
        Number(((await front.ds.query('SELECT COUNT(*) AS n FROM ex_acceptance_material WHERE apply_no = ?', [applyNo])) as { n: string }[])[0].n) > 0,
    );
    const [victim] = (await front.ds.query('SELECT material_code FROM ex_acceptance_material WHERE apply_no = ? ORDER BY material_code LIMIT 1', [
      applyNo,
    ])) as { material_code: string }[];
    await front.ds.query('UPDATE ex_acceptance_material SET content = ? WHERE apply_no = ? AND material_code = ?', [
      Buffer.from('damaged in transit'),
      applyNo,
      victim.material_code,
    ]);

    await env.startDeptSim();
    const asked = await clerk.waitForState(applyNo, 'SUPPLEMENT_REQUIRED');
    expect(asked.versions.find((v) => v.version === 1)?.supplementRequest?.materials.map((m) => m.code)).toEqual([victim.material_code]);
    const [taken] = (await front.ds.query("SELECT outcome FROM ex_shadow WHERE apply_no = ? AND version = 1 AND stage = 'ACCEPTANCE' AND event = 'TAKEN'", [
      applyNo,
    ])) as { outcome: string }[];
    expect(taken.outcome).toBe('REJECTED');

    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    await clerk.upload(applyNo, victim.material_code, `re-scanned ${victim.material_code}`);
    await clerk.submit(applyNo);
    const done = await clerk.waitForState(applyNo, 'CONCLUDED');
    expect(done.currentVersion).toBe(2);
  });
});

describe('a department that refuses the notification itself', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it("is not resent (UNNOTIFIED after one attempt), and the department's scan settles the row as TAKEN", async () => {
    env = await ExchangeEnv.create();
    // the platform is misconfigured for AMR: it calls HOUSING's endpoint with HOUSING's account, which answers 2004
    const topology = JSON.parse(readFileSync(testTopologyFile(), 'utf8')) as {
      departments: { code: string; endpoint?: string; platformCredential: unknown }[];
    };
    const housing = topology.departments.find((d) => d.code === 'HOUSING')!;
    const amr = topology.departments.find((d) => d.code === 'AMR')!;
    amr.endpoint = `${env.deptSimUrl}/dept/HOUSING`;
    amr.platformCredential = housing.platformCredential;
    const file = join(mkdtempSync(join(tmpdir(), 'topology-')), 'topology.json');
    writeFileSync(file, JSON.stringify(topology), { mode: 0o600 });
    await env.startDeptSim();
    await env.startPlatform({ EXCHANGE_TOPOLOGY_FILE: file, DISPATCH_MAX_NOTIFY_ATTEMPTS: '6' });
    const clerk = await env.clerk();
    const applyNo = await clerk.apply('AMR-001');
    await clerk.waitForState(applyNo, 'CONCLUDED');
    const [row] = await waitFor('the outbox row settled', async () => {
      const rows = await env.platformQuery<{ state: string; attempts: number; last_error: string }>(
        'SELECT state, attempts, last_error FROM dispatch_outbox WHERE apply_no = ?',
        [applyNo],
      );
      return rows[0]?.state === 'TAKEN' ? rows : undefined;
    });
    expect(Number(row.attempts)).toBe(1);
    expect(row.last_error).toContain('2004');
    expect(env.platform!.logs.some((l) => l.includes('department refused the notification; left to its scan'))).toBe(true);
    expect((await env.simCounters()).find((d) => d.code === 'AMR')!.counters.takenViaScan).toBe(1);
  });
});
