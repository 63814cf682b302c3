import { FrontDbClient, SCAN_FULL_PASS_MS } from '@app/front-db';
import { createConnection, Connection } from 'mysql2/promise';
import { testDb } from './support/env';
import { ExchangeEnv } from './support/exchange-env';
import { DEFAULT_ID_NO } from './support/identity-numbers';

/**
 * The periodic scan's floor on a real front DB: the scan looks at recent rows only, yet a row
 * that becomes visible late is still found (by the periodic full pass), and nothing untaken is
 * ever skipped.
 */
describe('front DB scan floor (real MariaDB)', () => {
  let env: ExchangeEnv;
  let front: FrontDbClient;
  let sql: Connection;

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    front = await env.front('AMR');
    sql = await createConnection({ ...testDb(), database: env.dept('AMR').frontDb.database, timezone: '+08:00' });
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await sql?.end();
    await env?.close();
  });

  /** Acceptance rows written `agoSec` seconds ago; `taken` also gives them a TAKEN shadow row. */
  async function seed(prefix: string, count: number, agoSec: number, taken: boolean): Promise<void> {
    await sql.query(
      `INSERT INTO ex_acceptance (apply_no, version, item_code, item_name, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, form_data, accepted_by, accepted_at, correlation_id, written_at)
       SELECT CONCAT(?, seq), 1, 'AMR-001', '企业设立登记', 'AMR', 'PERSON', '张三', ?, '13800000000', '{}', 'window01', NOW(3), 'scan-test', NOW(3) - INTERVAL ? SECOND
       FROM seq_1_to_${count}`,
      [prefix, DEFAULT_ID_NO, agoSec],
    );
    if (taken) {
      await sql.query(
        `INSERT INTO ex_shadow (apply_no, version, stage, event, fetched_at, operator, party, correlation_id)
         SELECT CONCAT(?, seq), 1, 'ACCEPTANCE', 'TAKEN', NOW(3), 'amr01', 'AMR', 'scan-test' FROM seq_1_to_${count}`,
        [prefix],
      );
    }
  }

  async function take(applyNos: string[]): Promise<void> {
    await sql.query(
      `INSERT INTO ex_shadow (apply_no, version, stage, event, fetched_at, operator, party, correlation_id) VALUES ${applyNos.map(() => "(?, 1, 'ACCEPTANCE', 'TAKEN', NOW(3), 'amr01', 'AMR', 'scan-test')").join(',')}`,
      applyNos,
    );
  }

  /** Rows MariaDB read (all tables, all sessions; nothing else runs against it in this suite) while fn ran. */
  async function rowsRead(fn: () => Promise<unknown>): Promise<number> {
    const read = async () => {
      const [rows] = await sql.query(
        `SHOW GLOBAL STATUS WHERE Variable_name IN ('Handler_read_key', 'Handler_read_next', 'Handler_read_prev', 'Handler_read_first', 'Handler_read_rnd', 'Handler_read_rnd_next')`,
      );
      return (rows as { Value: string }[]).reduce((a, r) => a + Number(r.Value), 0);
    };
    const before = await read();
    await fn();
    return (await read()) - before;
  }

  const untaken = async () => (await front.listUntaken('acceptance', 0, 100)).map((r) => r.applyNo).sort();

  it('the first scan reads everything, later scans start at the floor; untaken rows are always found', async () => {
    // 3000 old rows, all taken long ago, and 3 fresh untaken ones
    await seed('OLD-', 3000, 3600, true);
    await seed('NEW-', 3, 0, false);
    expect(front.scanFloor('acceptance')).toBeUndefined();

    let found: string[] = [];
    const firstPass = await rowsRead(async () => (found = await untaken()));
    expect(found).toEqual(['NEW-1', 'NEW-2', 'NEW-3']);
    const floor = front.scanFloor('acceptance');
    expect(floor).toBeInstanceOf(Date);

    // the next scan does not walk the 3000 taken rows again, and still sees what is untaken
    const secondPass = await rowsRead(async () => (found = await untaken()));
    expect(found).toEqual(['NEW-1', 'NEW-2', 'NEW-3']);
    expect(firstPass).toBeGreaterThanOrEqual(3000);
    expect(secondPass).toBeLessThan(firstPass / 10);

    await take(['NEW-1', 'NEW-2', 'NEW-3']);
    expect(await untaken()).toEqual([]);
    expect(front.scanFloor('acceptance')!.getTime()).toBeGreaterThanOrEqual(floor!.getTime());
  });

  it('a row that becomes visible with a written_at below the floor is found by the periodic full pass', async () => {
    // as if a writer's transaction had committed 5 minutes after its INSERT
    await seed('LATE-', 1, 300, false);
    expect(await untaken()).toEqual([]);

    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + SCAN_FULL_PASS_MS + 1000);
    expect(await untaken()).toEqual(['LATE-1']);
    // the full pass set a new floor no later than the row it found
    expect(front.scanFloor('acceptance')!.getTime()).toBeLessThanOrEqual(
      (await sql.query('SELECT written_at AS t FROM ex_acceptance WHERE apply_no = ?', ['LATE-1']).then(([r]) => (r as { t: Date }[])[0].t)).getTime(),
    );
    expect(await untaken()).toEqual(['LATE-1']);
    await take(['LATE-1']);
    expect(await untaken()).toEqual([]);
  });

  it('an applyNo-filtered listing (a notification) ignores the floor', async () => {
    await seed('PAST-', 1, 600, false);
    expect(await untaken()).toEqual([]);
    expect((await front.listUntaken('acceptance', 0, 10, ['PAST-1'])).map((r) => r.applyNo)).toEqual(['PAST-1']);
  });
});
