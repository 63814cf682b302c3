import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { dbEnv, dropDatabases, freshPrefix, testDb } from './support/env';
import { ExchangeEnv, PII_KEY } from './support/exchange-env';
import { runCli } from './support/processes';

/** The DDL exactly as docs/front-db.md publishes it (its "DDL" section, contract version 2), one statement each. */
function publishedDdl(): string[] {
  const md = readFileSync(join(__dirname, '..', 'docs', 'front-db.md'), 'utf8');
  const block = /```sql\n([\s\S]*?)```/.exec(md.slice(md.indexOf('\n## DDL\n')))![1];
  return block
    .split(/;\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean);
}

/** A department's DBA creating its front DB by hand from (a version of) the published DDL. */
async function createAsDepartment(database: string, statements: string[]): Promise<void> {
  const conn = await createConnection({ ...testDb(), multipleStatements: false });
  try {
    await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
    await conn.query(`USE \`${database}\``);
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.end();
  }
}

async function tablesOf(database: string): Promise<string[]> {
  const conn = await createConnection(testDb());
  try {
    const [rows] = await conn.query('SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [database]);
    return (rows as { t: string }[]).map((r) => r.t);
  } finally {
    await conn.end();
  }
}

describe('migrate and a front DB the department created from the published DDL', () => {
  let env: ExchangeEnv;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ beforeMigrate: (prefix) => createAsDepartment(`${prefix}fe_amr`, publishedDdl()) });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('adopts it (records contract version 2, creates nothing), creates the others, and the exchange runs on it', async () => {
    const amr = env.dept('AMR').frontDb.database;
    expect(env.migrateLog).toContain(
      `front DB ${amr} (AMR 区市场监督管理局): created by the department from the published DDL; matches the contract, recorded as version 2`,
    );
    expect(env.migrateLog).toContain(
      `front DB ${env.dept('HOUSING').frontDb.database} (HOUSING 区住房和城乡建设局（不动产登记中心）): created from the contract DDL (version 2)`,
    );
    // the contract's tables, the migrations record, and the simulator's own work queue and spent nonces
    expect(await tablesOf(amr)).toEqual([
      'ex_acceptance',
      'ex_acceptance_material',
      'ex_callback',
      'ex_callback_file',
      'ex_migrations',
      'ex_shadow',
      'sim_job',
      'sim_migrations',
      'ws_nonce',
    ]);
    const again = await runCli('apps/one-window/src/cli/migrate.js', env.baseEnv());
    expect(again).toContain(`front DB ${amr} (AMR 区市场监督管理局): up to date`);

    await env.startPlatform();
    await env.startDeptSim();
    const health = (await (await env.health()).json()) as { frontDbs: Record<string, string> };
    expect(health.frontDbs.AMR).toBe('up');
    const clerk = await env.clerk();
    const applyNo = await clerk.apply('AMR-001');
    expect((await clerk.waitForState(applyNo, 'CONCLUDED')).result).toBe('APPROVED');
  });
});

describe('migrate and a front DB that does not match the contract', () => {
  const prefix = freshPrefix();
  const base = { ...dbEnv(prefix), PII_SM4_KEY: PII_KEY };

  afterAll(async () => {
    await dropDatabases(prefix);
  });

  it('refuses it, naming every difference, and touches nothing', async () => {
    const db = `${prefix}fe_amr`;
    const altered = publishedDdl().map((s) =>
      s
        .replace('outcome        VARCHAR(16)  NULL', 'outcome        VARCHAR(8)   NULL')
        .replace(',\n  KEY ix_callback_written (written_at)', '')
        .replace('UNIQUE KEY uk_shadow (apply_no, version, stage, event)', 'KEY uk_shadow (apply_no, version, stage, event)')
        .replace('written_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3)', 'written_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP'),
    );
    expect(altered.join('\n')).not.toContain('ix_callback_written');
    await createAsDepartment(db, altered);
    const err = await runCli('apps/one-window/src/cli/migrate.js', base).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`front DB ${db} does not match the front-DB contract (docs/front-db.md)`);
    for (const d of [
      'column ex_acceptance.written_at is datetime, the contract says datetime(3)',
      'column ex_acceptance.written_at has default current_timestamp(), the contract says DEFAULT CURRENT_TIMESTAMP(3)',
      'column ex_callback.outcome is varchar(8), the contract says varchar(16)',
      'table ex_callback: index ix_callback_written (written_at) is missing',
      'table ex_shadow: unique key uk_shadow (apply_no, version, stage, event) is missing',
    ])
      expect(err?.message).toContain(d);
    expect(await tablesOf(db)).toEqual(['ex_acceptance', 'ex_acceptance_material', 'ex_callback', 'ex_callback_file', 'ex_shadow']);
  });

  it('refuses a front DB with only some of the tables', async () => {
    const p2 = `${prefix}x_`;
    await createAsDepartment(
      `${p2}fe_amr`,
      publishedDdl().filter((s) => /ex_acceptance |ex_shadow/.test(s)),
    );
    const err = await runCli('apps/one-window/src/cli/migrate.js', { ...base, DB_NAME_PREFIX: p2 }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/table ex_acceptance_material is missing\n {2}- table ex_callback is missing\n {2}- table ex_callback_file is missing/);
    expect(await tablesOf(`${p2}fe_amr`)).toEqual(['ex_acceptance', 'ex_shadow']);
  });
});
