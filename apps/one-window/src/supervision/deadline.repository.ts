import { pageOffset } from '@app/common';
import { EntityManager } from 'typeorm';
import { DeadlineState, DeadlineView, StoredApplication } from './rules/deadline';

export type Card = 'YELLOW' | 'RED';

/** One application as the deadline job reads it: the stored facts, the item's limits and the registering window. */
export interface DeadlineSource extends StoredApplication {
  applyNo: string;
  itemCode: string;
  deptCode: string;
  windowNo: string | null;
  promisedDays: number;
  legalDays: number;
  /** the cards already recorded */
  cards: Card[];
}

export interface DeadlineRecord {
  applyNo: string;
  itemCode: string;
  deptCode: string;
  windowNo: string | null;
  promisedDays: number;
  legalDays: number;
  submittedAt: Date;
  acceptedAt: Date | null;
  view: DeadlineView;
}

export interface CardRow {
  applyNo: string;
  card: Card;
  cardedAt: Date;
  itemCode: string;
  deptCode: string;
  windowNo: string | null;
}

export interface CardFilter {
  card: Card;
  deptCode?: string;
  itemCode?: string;
  windowNo?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export interface StoredDeadline {
  applyNo: string;
  itemCode: string;
  deptCode: string;
  windowNo: string | null;
  promisedDays: number;
  legalDays: number;
  submittedAt: Date;
  acceptedAt: Date | null;
  clockStartAt: Date;
  promisedDueAt: Date;
  legalDueAt: Date;
  state: DeadlineState;
  paused: boolean;
  pausedWorkingMs: number;
  warnAt: Date | null;
  overdueAt: Date;
  legalExceeded: boolean;
  legalExceededAt: Date;
  overdueWorkingDays: number;
  closed: boolean;
  stoppedAt: Date | null;
  stopReason: string | null;
  evaluatedAt: Date;
}

/** application states whose rows may carry a submitted version (a DRAFT or EXPIRED one only after 补正) */
const WITH_DEPARTMENT = ['SUBMITTED', 'DISPATCHED', 'SUPPLEMENT_REQUIRED', 'ACCEPTED', 'CONCLUDED'];

const DEADLINE_COLUMNS = `d.apply_no AS applyNo, d.item_code AS itemCode, d.dept_code AS deptCode, d.window_no AS windowNo,
  d.promised_days AS promisedDays, d.legal_days AS legalDays, d.submitted_at AS submittedAt, d.accepted_at AS acceptedAt,
  d.clock_start_at AS clockStartAt, d.promised_due_at AS promisedDueAt, d.legal_due_at AS legalDueAt, d.state,
  d.paused, d.paused_working_ms AS pausedWorkingMs, d.warn_at AS warnAt, d.overdue_at AS overdueAt,
  d.legal_exceeded AS legalExceeded, d.legal_exceeded_at AS legalExceededAt, d.overdue_working_days AS overdueWorkingDays,
  d.closed, d.stopped_at AS stoppedAt, d.stop_reason AS stopReason, d.evaluated_at AS evaluatedAt`;

/** The only code that reads or writes application_deadline, deadline_card and supervision_cursor. */
export class DeadlineRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Takes the job's lease for `seconds` (or renews the own one): one replica recomputes at a time;
   * a replica killed mid-run loses it at expiry. Returns the watermark, or undefined when another
   * replica holds the lease.
   */
  async takeLease(owner: string, seconds: number): Promise<{ watermark: Date | null } | undefined> {
    const res = (await this.em.query(
      `UPDATE supervision_cursor SET lease_owner = ?, lease_until = NOW(3) + INTERVAL ? SECOND
       WHERE name = 'deadline' AND (lease_until IS NULL OR lease_until < NOW(3) OR lease_owner = ?)`,
      [owner, seconds, owner],
    )) as { affectedRows: number };
    if (res.affectedRows !== 1) return undefined;
    const [row] = (await this.em.query("SELECT watermark FROM supervision_cursor WHERE name = 'deadline'")) as { watermark: Date | null }[];
    return { watermark: row.watermark };
  }

  /** Ends the lease; after a complete run also moves the watermark. */
  async releaseLease(owner: string, watermark?: Date): Promise<void> {
    await this.em.query(
      `UPDATE supervision_cursor SET lease_owner = NULL, lease_until = NULL, watermark = COALESCE(?, watermark) WHERE name = 'deadline' AND lease_owner = ?`,
      [watermark ?? null, owner],
    );
  }

  async dbNow(): Promise<Date> {
    const [row] = (await this.em.query('SELECT NOW(3) AS now')) as { now: Date }[];
    return row.now;
  }

  /** Applications changed since the watermark (all when null) that may have a submitted version; through ix_application_state. */
  async changedSince(since: Date | null): Promise<string[]> {
    const after = since ?? new Date(0);
    const rows = (await this.em.query(
      `SELECT apply_no AS applyNo FROM application WHERE state IN (?) AND updated_at >= ?
       UNION SELECT apply_no FROM application WHERE state IN ('DRAFT', 'EXPIRED') AND updated_at >= ? AND current_version > 1`,
      [WITH_DEPARTMENT, after, after],
    )) as { applyNo: string }[];
    return rows.map((r) => r.applyNo);
  }

  /** Open deadlines whose state may have changed by `now` (a threshold passed, a day began). */
  async dueForCheck(now: Date): Promise<string[]> {
    const rows = (await this.em.query('SELECT apply_no AS applyNo FROM application_deadline WHERE closed = 0 AND next_check_at <= ?', [now])) as {
      applyNo: string;
    }[];
    return rows.map((r) => r.applyNo);
  }

  /**
   * What the rules need of each application, in three reads. The limits are those of the item when
   * the deadline was first computed (the promise printed on the receipt), not a later catalogue edit.
   */
  async sources(applyNos: string[]): Promise<DeadlineSource[]> {
    if (applyNos.length === 0) return [];
    const [apps, versions, callbacks] = (await Promise.all([
      this.em.query(
        `SELECT a.apply_no AS applyNo, a.item_code AS itemCode, a.dept_code AS deptCode, a.state, a.concluded_at AS concludedAt, a.expired_at AS expiredAt,
                s.window_no AS windowNo, COALESCE(d.promised_days, i.promised_limit_days) AS promisedDays, COALESCE(d.legal_days, i.legal_limit_days) AS legalDays,
                (SELECT GROUP_CONCAT(c.card) FROM deadline_card c WHERE c.apply_no = a.apply_no) AS cards
         FROM application a JOIN item i ON i.code = a.item_code LEFT JOIN sec_account s ON s.username = a.created_by
         LEFT JOIN application_deadline d ON d.apply_no = a.apply_no WHERE a.apply_no IN (?)`,
        [applyNos],
      ),
      this.em.query('SELECT apply_no AS applyNo, version, submitted_at AS submittedAt FROM application_version WHERE apply_no IN (?)', [applyNos]),
      this.em.query('SELECT apply_no AS applyNo, version, stage, outcome, taken_at AS takenAt FROM callback_inbox WHERE apply_no IN (?)', [applyNos]),
    ])) as [
      (Omit<DeadlineSource, 'versions' | 'callbacks' | 'cards'> & { cards: string | null })[],
      { applyNo: string; version: number; submittedAt: Date | null }[],
      { applyNo: string; version: number; stage: 'SUPPLEMENT' | 'ACCEPT' | 'CONCLUDE'; outcome: string; takenAt: Date }[],
    ];
    const group = <T extends { applyNo: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.applyNo, [...(m.get(r.applyNo) ?? []), r]);
      return m;
    };
    const v = group(versions);
    const c = group(callbacks);
    return apps.map((a) => ({
      ...a,
      promisedDays: Number(a.promisedDays),
      legalDays: Number(a.legalDays),
      cards: a.cards ? (a.cards.split(',') as Card[]) : [],
      versions: v.get(a.applyNo) ?? [],
      callbacks: c.get(a.applyNo) ?? [],
    }));
  }

  /** Writes the computed deadlines (insert or replace; the same facts give the same row). */
  async upsert(records: DeadlineRecord[], computedAt: Date): Promise<void> {
    if (records.length === 0) return;
    const cols =
      'apply_no, item_code, dept_code, window_no, promised_days, legal_days, submitted_at, accepted_at, clock_start_at, promised_due_at, legal_due_at, state, paused, paused_working_ms, warn_at, overdue_at, legal_exceeded, legal_exceeded_at, overdue_working_days, closed, stopped_at, stop_reason, next_check_at, evaluated_at, computed_at';
    const names = cols.split(', ');
    const values = records.map((r) => [
      r.applyNo,
      r.itemCode,
      r.deptCode,
      r.windowNo,
      r.promisedDays,
      r.legalDays,
      r.submittedAt,
      r.acceptedAt,
      r.view.clockStartAt,
      r.view.promisedDueAt,
      r.view.legalDueAt,
      r.view.state,
      r.view.paused ? 1 : 0,
      r.view.pausedWorkingMs,
      r.view.warnAt,
      r.view.overdueAt,
      r.view.legalExceeded ? 1 : 0,
      r.view.legalExceededAt,
      r.view.overdueWorkingDays,
      r.view.closed ? 1 : 0,
      r.view.stoppedAt,
      r.view.stopReason,
      r.view.nextCheckAt,
      r.view.evaluatedAt,
      computedAt,
    ]);
    const row = `(${names.map(() => '?').join(', ')})`;
    await this.em.query(
      `INSERT INTO application_deadline (${cols}) VALUES ${values.map(() => row).join(', ')}
       ON DUPLICATE KEY UPDATE ${names
         .slice(1)
         .map((n) => `${n} = VALUES(${n})`)
         .join(', ')}`,
      values.flat(),
    );
  }

  /** Records the cards; one of each kind per application, the first one kept (INSERT IGNORE on the primary key). */
  async recordCards(cards: CardRow[]): Promise<number> {
    if (cards.length === 0) return 0;
    const res = (await this.em.query(
      `INSERT IGNORE INTO deadline_card (apply_no, card, carded_at, item_code, dept_code, window_no) VALUES ${cards.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      cards.flatMap((c) => [c.applyNo, c.card, c.cardedAt, c.itemCode, c.deptCode, c.windowNo]),
    )) as { affectedRows: number };
    return res.affectedRows;
  }

  /** Yellow and red cards given in [from, to), grouped by one column; optionally of one window only. */
  async cardCounts(
    by: 'dept_code' | 'item_code' | 'window_no',
    range: { from?: Date; to?: Date; windowNo?: string },
  ): Promise<{ key: string | null; deptCode: string; yellow: number; red: number }[]> {
    const { where, params } = cardWhere(range);
    const rows = (await this.em.query(
      `SELECT c.${by} AS \`key\`, MIN(c.dept_code) AS deptCode, SUM(c.card = 'YELLOW') AS yellow, SUM(c.card = 'RED') AS red
       FROM deadline_card c ${where} GROUP BY c.${by} ORDER BY c.${by}`,
      params,
    )) as { key: string | null; deptCode: string; yellow: string; red: string }[];
    return rows.map((r) => ({ key: r.key, deptCode: r.deptCode, yellow: Number(r.yellow), red: Number(r.red) }));
  }

  /** The applications with a card, newest card first, with their deadline. */
  async cards(f: CardFilter): Promise<[(StoredDeadline & { card: Card; cardedAt: Date })[], number]> {
    const { where, params } = cardWhere(f);
    const [rows, count] = (await Promise.all([
      this.em.query(
        `SELECT c.card, c.carded_at AS cardedAt, ${DEADLINE_COLUMNS} FROM deadline_card c JOIN application_deadline d ON d.apply_no = c.apply_no ${where}
         ORDER BY c.carded_at DESC, c.apply_no DESC LIMIT ? OFFSET ?`,
        [...params, f.pageSize, pageOffset(f)],
      ),
      this.em.query(`SELECT COUNT(*) AS n FROM deadline_card c ${where}`, params),
    ])) as [(StoredDeadline & { card: Card; cardedAt: Date })[], { n: string }[]];
    return [rows.map((r) => normalise(r)), Number(count[0].n)];
  }
}

function cardWhere(f: { card?: Card; deptCode?: string; itemCode?: string; windowNo?: string; from?: Date; to?: Date }): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    parts.push(sql);
    params.push(v);
  };
  if (f.card) add('c.card = ?', f.card);
  if (f.deptCode) add('c.dept_code = ?', f.deptCode);
  if (f.itemCode) add('c.item_code = ?', f.itemCode);
  if (f.windowNo) add('c.window_no = ?', f.windowNo);
  if (f.from) add('c.carded_at >= ?', f.from);
  if (f.to) add('c.carded_at < ?', f.to);
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function normalise<T extends StoredDeadline>(r: T): T {
  return {
    ...r,
    promisedDays: Number(r.promisedDays),
    legalDays: Number(r.legalDays),
    paused: Boolean(Number(r.paused)),
    pausedWorkingMs: Number(r.pausedWorkingMs),
    legalExceeded: Boolean(Number(r.legalExceeded)),
    overdueWorkingDays: Number(r.overdueWorkingDays),
    closed: Boolean(Number(r.closed)),
  };
}
