import { type FormFieldView, sampleFormData } from './support/form-data';
import { FRONT_DB_DDL_V1, FRONT_DB_V2_COLUMNS } from '@app/front-db';
import { createConnection } from 'mysql2/promise';
import { ClerkClient } from './support/clerk-client';
import { testDb } from './support/env';
import { ExchangeEnv } from './support/exchange-env';
import { runCli } from './support/processes';

/**
 * Front-DB contract version 2: the delivery method and the express address travel to the
 * department with the acceptance. Real platform, real simulator, real MariaDB; one department's
 * front DB (AMR) kept at version 1 — as a department not upgraded yet has it — to show that the
 * exchange goes on with it unchanged, and that migrate then upgrades it.
 */

const ADDRESS = { recipient: '王五', phone: '13900000000', address: '河南省平顶山市石龙区人民路1号', postcode: '467045' };

async function asDba<T>(database: string, work: (q: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T> {
  const conn = await createConnection({ ...testDb(), database });
  try {
    return await work(async (sql, params) => (await conn.query(sql, params))[0] as unknown[]);
  } finally {
    await conn.end();
  }
}

async function columnsOf(database: string): Promise<string[]> {
  return asDba(database, async (q) =>
    (
      (await q("SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'ex_acceptance' ORDER BY ORDINAL_POSITION", [
        database,
      ])) as { c: string }[]
    ).map((r) => r.c),
  );
}

describe('front-DB contract version 2: delivery method and address', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create({
      // AMR's DBA created its front DB by hand from the version-1 DDL
      beforeMigrate: async (prefix) => {
        const conn = await createConnection(testDb());
        try {
          await conn.query(`CREATE DATABASE \`${prefix}fe_amr\` CHARACTER SET utf8mb4`);
          await conn.query(`USE \`${prefix}fe_amr\``);
          for (const s of FRONT_DB_DDL_V1) await conn.query(s);
        } finally {
          await conn.end();
        }
      },
    });
  });

  afterAll(async () => {
    await env?.close();
  });

  async function expressApplication(itemCode: string): Promise<string> {
    const app = await clerk.request<{ applyNo: string }>('POST', '/api/v1/applications', {
      itemCode,
      applicantType: 'PERSON',
      applicantName: '王五',
      applicantIdNo: '410404199001011233',
      applicantPhone: '13800000000',
      formData: sampleFormData(((await clerk.item(itemCode)) as unknown as { formFields: FormFieldView[] }).formFields),
      deliveryMethod: 'EXPRESS',
      deliveryAddress: ADDRESS,
    });
    for (const m of (await clerk.item(itemCode)).materials.filter((x) => x.required)) await clerk.upload(app.applyNo, m.code, `${m.code} of ${app.applyNo}`);
    await clerk.submit(app.applyNo);
    return app.applyNo;
  }

  async function acceptanceRow(dept: string, applyNo: string): Promise<Record<string, unknown>> {
    const rows = await asDba(env.dept(dept).frontDb.database, (q) => q('SELECT * FROM ex_acceptance WHERE apply_no = ?', [applyNo]));
    return rows[0] as Record<string, unknown>;
  }

  async function concludeDetail(dept: string, applyNo: string): Promise<Record<string, unknown>> {
    const rows = (await asDba(env.dept(dept).frontDb.database, (q) =>
      q("SELECT detail FROM ex_callback WHERE apply_no = ? AND stage = 'CONCLUDE'", [applyNo]),
    )) as { detail: string | Record<string, unknown> }[];
    // mysql2 parses the column when MariaDB reports it as JSON
    const d = rows[0].detail;
    return typeof d === 'string' ? (JSON.parse(d) as Record<string, unknown>) : d;
  }

  it('migrate adopts a version-1 front DB and upgrades it with the published statement; new front DBs are created at version 2', async () => {
    const amr = env.dept('AMR').frontDb.database;
    expect(env.migrateLog).toContain(
      `front DB ${amr} (AMR 区市场监督管理局): created by the department from the published DDL; matches the contract, recorded as version 1; upgraded to version 2 (nullable columns added)`,
    );
    expect(env.migrateLog).toContain(`front DB ${env.dept('PSB').frontDb.database} (PSB 区公安分局): created from the contract DDL (version 2)`);
    expect((await columnsOf(amr)).slice(-5)).toEqual([...FRONT_DB_V2_COLUMNS]);
  });

  it('a department at version 1 goes on working: the platform writes only the version-1 columns', async () => {
    // AMR as a department that has not run the upgrade (the platform already speaks version 2)
    const amr = env.dept('AMR').frontDb.database;
    await asDba(amr, async (q) => {
      await q(`ALTER TABLE ex_acceptance ${FRONT_DB_V2_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
      await q("DELETE FROM ex_migrations WHERE name = 'FrontDbV21763780000001'");
    });
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await env.clerk();
    const health = (await (await env.health()).json()) as { frontDbs: Record<string, string> };
    expect(health.frontDbs).toMatchObject({ AMR: 'up', PSB: 'up' });

    const applyNo = await expressApplication('AMR-001');
    const done = (await clerk.waitForState(applyNo, 'CONCLUDED')) as unknown as { result: string; delivery: { state: string } };
    expect([done.result, done.delivery.state]).toEqual(['APPROVED', 'AWAITING_MAILING']);
    const row = await acceptanceRow('AMR', applyNo);
    for (const c of FRONT_DB_V2_COLUMNS) expect(row).not.toHaveProperty(c);
    expect(row.applicant_name).toBe('王五');
    // the department never learnt the address, and said nothing about it
    expect(await concludeDetail('AMR', applyNo)).not.toHaveProperty('delivery');
    // the platform's own 出件 record does not depend on the department
    await clerk.request('POST', `/api/v1/applications/${applyNo}/express`, { carrier: 'EMS', waybillNo: 'EA123456785CN' });
  });

  it('a department at version 2 receives the delivery method and the address, and its 办结 answers for them', async () => {
    const applyNo = await expressApplication('PSB-003');
    await clerk.waitForState(applyNo, 'CONCLUDED');
    const row = await acceptanceRow('PSB', applyNo);
    expect(row).toMatchObject({
      delivery_method: 'EXPRESS',
      delivery_recipient: '王五',
      delivery_phone: '13900000000',
      delivery_address: '河南省平顶山市石龙区人民路1号',
      delivery_postcode: '467045',
    });
    expect(await concludeDetail('PSB', applyNo)).toMatchObject({
      delivery: { method: 'EXPRESS', waybillReady: true, recipient: '王五', address: '河南省平顶山市石龙区人民路1号', postcode: '467045' },
    });
    expect(JSON.stringify(await concludeDetail('PSB', applyNo))).not.toContain('13900000000');

    const pickup = await clerk.register('PSB-003');
    for (const m of (await clerk.item('PSB-003')).materials.filter((x) => x.required)) await clerk.upload(pickup, m.code, `${m.code} of ${pickup}`);
    await clerk.submit(pickup);
    await clerk.waitForState(pickup, 'CONCLUDED');
    expect(await acceptanceRow('PSB', pickup)).toMatchObject({ delivery_method: 'PICKUP', delivery_recipient: null, delivery_address: null });
    expect(await concludeDetail('PSB', pickup)).toMatchObject({ delivery: { method: 'PICKUP' } });
  });

  it('after migrate upgrades the version-1 front DB, the address travels to that department too', async () => {
    const amr = env.dept('AMR').frontDb.database;
    const log = await runCli('apps/one-window/src/cli/migrate.js', env.migrateEnv('ow'));
    expect(log).toContain(`front DB ${amr} (AMR 区市场监督管理局): migrated to contract version 2`);
    // the rows written at version 1 keep NULL: written before the upgrade
    const [old] = (await asDba(amr, (q) => q('SELECT delivery_method FROM ex_acceptance LIMIT 1'))) as { delivery_method: string | null }[];
    expect(old.delivery_method).toBeNull();
    await env.platform!.stop();
    await env.startPlatform();
    clerk = await env.clerk();
    const applyNo = await expressApplication('AMR-001');
    await clerk.waitForState(applyNo, 'CONCLUDED');
    expect(await acceptanceRow('AMR', applyNo)).toMatchObject({ delivery_method: 'EXPRESS', delivery_postcode: '467045' });
    expect(await concludeDetail('AMR', applyNo)).toMatchObject({ delivery: { method: 'EXPRESS', recipient: '王五' } });
  });
});
