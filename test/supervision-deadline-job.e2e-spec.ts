import { Clock } from '@app/common';
import { ensureDatabase } from '@app/front-db';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadOneWindowConfig } from '../apps/one-window/src/config/one-window.config';
import { platformDataSourceOptions } from '../apps/one-window/src/database/platform-datasource';
import { DeadlineCalculator } from '../apps/one-window/src/supervision/deadline.calculator';
import { DeadlineJob } from '../apps/one-window/src/supervision/deadline.job';
import { DeadlineRepository } from '../apps/one-window/src/supervision/deadline.repository';
import { loadHolidayCalendar } from '../apps/one-window/src/supervision/holiday-calendar.loader';
import { dbEnv, dropDatabases, freshPrefix } from './support/env';

class SetClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const bj = (s: string) => new Date(`${s}+08:00`);

/**
 * The deadline job in-process on the real MariaDB over 10,000 applications written as one-window
 * stores them: what it computes across the 国庆 holiday, that a second run costs only what changed
 * or came due, that two replicas never both run, and that a lease left by a killed replica expires.
 */
describe('deadline job over 10,000 applications (in-process, real MariaDB)', () => {
  const prefix = freshPrefix();
  const { config } = loadOneWindowConfig({ ...dbEnv(prefix), PII_SM4_KEY: randomBytes(16).toString('hex') });
  const N = 10_000;
  let ds: DataSource;
  const clock = new SetClock(bj('2026-10-09T12:00:00'));
  const calendar = loadHolidayCalendar();
  const job = () => new DeadlineJob(new DeadlineRepository(ds.manager), new DeadlineCalculator(calendar, config), calendar, clock, config);
  const timings: string[] = [];
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = process.hrtime.bigint();
    const r = await f();
    timings.push(`${label}: ${Number((process.hrtime.bigint() - t0) / 1_000_000n)} ms`);
    return r;
  };
  const q = <T = Record<string, unknown>>(sql: string, p: unknown[] = []) => ds.query(sql, p) as Promise<T[]>;

  /** the i-th application: item, and whether it had a 补正 pause or was concluded */
  const kind = (i: number) => ({ item: i % 2 ? 'HPF-001' : 'AMR-001', dept: i % 2 ? 'HPF' : 'AMR', pause: i % 10 === 2, concluded: i % 10 === 5 });
  const applyNo = (i: number) => `410404-20260928-${String(i).padStart(6, '0')}`;

  beforeAll(async () => {
    await ensureDatabase({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.platformDbName });
    ds = new DataSource(platformDataSourceOptions(config));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    // every one submitted on Monday 28 September 2026 at 09:00, an hour "ago" as far as updated_at goes
    for (let from = 0; from < N; from += 1000) {
      const apps: unknown[] = [];
      const versions: unknown[] = [];
      const inbox: unknown[] = [];
      for (let i = from; i < Math.min(N, from + 1000); i++) {
        const k = kind(i);
        const no = applyNo(i);
        apps.push([no, k.item, k.dept, k.concluded ? 'CONCLUDED' : 'ACCEPTED', k.pause ? 2 : 1, k.concluded ? bj('2026-09-29T11:00:00') : null]);
        versions.push([no, 1, bj('2026-09-28T09:00:00')]);
        const cb = (version: number, stage: string, at: Date) => inbox.push([no, version, stage, k.dept, at]);
        if (k.pause) {
          // 补正 taken Tuesday 29 Sep 10:00, answered Thursday 8 Oct 10:00: 0.5 + 0.5 + 10/24 working days
          cb(1, 'SUPPLEMENT', bj('2026-09-29T10:00:00'));
          versions.push([no, 2, bj('2026-10-08T10:00:00')]);
          cb(2, 'ACCEPT', bj('2026-10-08T10:30:00'));
        } else cb(1, 'ACCEPT', bj('2026-09-28T10:00:00'));
        if (k.concluded) cb(1, 'CONCLUDE', bj('2026-09-29T11:00:05'));
      }
      await ds.query(
        `INSERT INTO application (apply_no, item_code, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, delivery_method, state, current_version, concluded_at, created_by, correlation_id, created_at, updated_at)
         VALUES ${apps.map(() => "(?, ?, ?, 'PERSON', '张三', 'x', 'x', 'PICKUP', ?, ?, ?, 'window01', 'perf', NOW(3) - INTERVAL 1 HOUR, NOW(3) - INTERVAL 1 HOUR)").join(', ')}`,
        apps.flat(),
      );
      await ds.query(
        `INSERT INTO application_version (apply_no, version, form_data, created_by, submitted_at, submitted_by) VALUES ${versions.map(() => "(?, ?, '{}', 'window01', ?, 'window01')").join(', ')}`,
        versions.flat(),
      );
      await ds.query(
        `INSERT INTO callback_inbox (apply_no, version, stage, dept_code, outcome, via, opinion, detail, handled_by, handled_at, written_at, taken_at, correlation_id)
         VALUES ${inbox.map(() => "(?, ?, ?, ?, 'APPLIED', 'NOTIFY', '', '{}', 'dept', NOW(3), NOW(3), ?, 'perf')").join(', ')}`,
        inbox.flat(),
      );
    }
  }, 120_000);

  afterAll(async () => {
    // the measurements for docs/performance.md ("Time limits")
    console.log(`deadline job, ${N} applications:\n  ${timings.join('\n  ')}`);
    await ds?.destroy();
    await dropDatabases(prefix);
  });

  it('the first run computes every submitted application; of two replicas exactly one runs', async () => {
    const [a, b] = await timed('first run (all 10,000, two replicas at once)', () => Promise.all([job().runOnce(), job().runOnce()]));
    expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
    const ran = a.skipped ? b : a;
    expect(ran).toMatchObject({ candidates: N, computed: N });
    const [{ n }] = await q<{ n: string }>('SELECT COUNT(*) AS n FROM application_deadline');
    expect(Number(n)).toBe(N);
  }, 120_000);

  it('computes across the 国庆 holiday: the deadlines, the states, the pause and the cards', async () => {
    const row = (i: number) =>
      q<Record<string, unknown>>(
        "SELECT state, DATE_FORMAT(promised_due_at, '%Y-%m-%d %H:%i:%s.%f') AS due, DATE_FORMAT(legal_due_at, '%Y-%m-%d') AS legal, paused_working_ms AS pausedMs, closed, overdue_working_days AS od FROM application_deadline WHERE apply_no = ?",
        [applyNo(i)],
      ).then((r) => r[0]);
    // AMR-001 (3 / 15 days) from Monday 28 Sep: 29, 30 Sep, 8 Oct → due 8 Oct; at 9 Oct 12:00 one working day begun overdue;
    // legal: 9 Oct (4), Saturday 10 Oct 调休 (5), 12–16 Oct (10), 19–23 Oct (15)
    expect(await row(0)).toMatchObject({ state: 'OVERDUE', due: '2026-10-08 23:59:59.999000', legal: '2026-10-23', closed: 0, od: 1 });
    // HPF-001 (1 / 5 days): due Tuesday 29 Sep, legal Saturday 10 Oct (调休); overdue since: 30 Sep, 8 Oct, 9 Oct (begun) → 3
    expect(await row(1)).toMatchObject({ state: 'OVERDUE', due: '2026-09-29 23:59:59.999000', legal: '2026-10-10', od: 3 });
    // AMR-001 paused 29 Sep 10:00 → 8 Oct 10:00: 14 h + 24 h + 10 h = 2 working days; used 29 Sep 0–10 h, then from 8 Oct 10:00
    // 3 days − 10 h = 62 h left: rest of 8 Oct (14 h), 9 Oct (24 h), Saturday 10 Oct 调休 (24 h) → due 10 Oct, yellow from its start
    expect(await row(2)).toMatchObject({ state: 'NORMAL', due: '2026-10-10 23:59:59.999000', pausedMs: String(2 * 86_400_000) });
    // HPF-001 concluded Tuesday 29 Sep 11:00:05, on its last day: yellow, not red, and closed
    expect(await row(5)).toMatchObject({ state: 'WARNING', closed: 1, od: 0 });
    const cards = await q<{ item: string; card: string; n: string; first: string }>(
      "SELECT item_code AS item, card, COUNT(*) AS n, DATE_FORMAT(MIN(carded_at), '%m-%d %H:%i') AS first FROM deadline_card GROUP BY item_code, card ORDER BY item_code, card",
    );
    // 5,000 of each item; AMR: the 4,000 not paused yellow (on 8 Oct, not on the eve of 国庆) and red, the 1,000 paused still NORMAL;
    // HPF: all yellow, the 1,000 concluded on their last day not red
    expect(cards).toEqual([
      { item: 'AMR-001', card: 'RED', n: '4000', first: '10-09 00:00' },
      { item: 'AMR-001', card: 'YELLOW', n: '4000', first: '10-08 00:00' },
      { item: 'HPF-001', card: 'RED', n: '4000', first: '09-30 00:00' },
      { item: 'HPF-001', card: 'YELLOW', n: '5000', first: '09-29 00:00' },
    ]);
  });

  it('a second run reads only what changed or came due; a new day recomputes the open overdue ones', async () => {
    const before = await q('SELECT * FROM application_deadline ORDER BY apply_no LIMIT 50');
    const again = await timed('second run, nothing changed or due', () => job().runOnce());
    expect(again).toMatchObject({ skipped: false, candidates: 0, computed: 0, cards: 0 });
    await q("UPDATE application SET state = 'CONCLUDED', concluded_at = NOW(3) WHERE apply_no = ?", [applyNo(0)]);
    await q(
      "INSERT INTO callback_inbox (apply_no, version, stage, dept_code, outcome, via, opinion, detail, handled_by, handled_at, written_at, taken_at, correlation_id) VALUES (?, 1, 'CONCLUDE', 'AMR', 'APPLIED', 'SCAN', '', '{}', 'dept', NOW(3), NOW(3), ?, 'perf')",
      [applyNo(0), bj('2026-10-09T11:00:00')],
    );
    // a later catalogue edit does not change the promise already made
    await q("UPDATE item SET promised_limit_days = 30 WHERE code = 'AMR-001'");
    const one = await timed('run after one 办结', () => job().runOnce());
    await q("UPDATE item SET promised_limit_days = 3 WHERE code = 'AMR-001'");
    expect(one).toMatchObject({ candidates: 1, computed: 1 });
    // the same facts and time give the same rows (only the one concluded changed)
    const after = await q('SELECT * FROM application_deadline ORDER BY apply_no LIMIT 50');
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ computed_at: _c, ...r }) => r);
    expect(strip(after).slice(1)).toEqual(strip(before).slice(1));
    expect(after[0]).toMatchObject({ closed: 1, stop_reason: 'CONCLUDED', promised_days: 3, promised_due_at: before[0].promised_due_at });

    clock.at = bj('2026-10-10T01:00:00');
    const midnight = await timed('run after midnight (every open overdue or paused one is due)', () => job().runOnce());
    // the overdue and still open (4,000 + 4,000 − the one concluded) count a new day; the 1,000 once paused reach their yellow card;
    // and the one concluded a moment ago is read once more (changed within the watermark's 60 s margin)
    expect(midnight).toMatchObject({ candidates: 9000, computed: 9000, cards: 1000 });
    const [r] = await q<{ od: number }>('SELECT overdue_working_days AS od FROM application_deadline WHERE apply_no = ?', [applyNo(1)]);
    expect(r.od).toBe(4); // Saturday 10 Oct is a 调休 working day
  }, 120_000);

  it('a lease left by a killed replica blocks others until it expires', async () => {
    await q("UPDATE supervision_cursor SET lease_owner = 'killed', lease_until = NOW(3) + INTERVAL 1 HOUR");
    expect((await job().runOnce()).skipped).toBe(true);
    await q('UPDATE supervision_cursor SET lease_until = NOW(3) - INTERVAL 1 SECOND');
    expect((await job().runOnce()).skipped).toBe(false);
    const [c] = await q<{ owner: string | null }>("SELECT lease_owner AS owner FROM supervision_cursor WHERE name = 'deadline'");
    expect(c.owner).toBeNull();
  });
});
