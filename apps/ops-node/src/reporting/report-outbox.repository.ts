import { REPORT_CATEGORIES, ReportCategory } from '@app/ops-contract';
import { EntityManager } from 'typeorm';

export interface OutboxRow {
  id: string;
  message_id: string;
  category: ReportCategory;
  mode: 'FULL' | 'INCREMENTAL';
  item_count: number;
  payload: string;
  state: 'PENDING' | 'SENT' | 'REFUSED';
  attempts: number;
}

export interface CategoryStateRow {
  category: ReportCategory;
  watermark: string | null;
  last_enqueued_at: Date | null;
  last_success_at: Date | null;
  last_success_message_id: string | null;
  last_attempt_at: Date | null;
  last_error: string | null;
  last_error_code: string | null;
  last_error_at: Date | null;
  consecutive_failures: number;
}

/** The durable report outbox and the per-category reporting state. */
export class ReportOutboxRepository {
  constructor(private readonly db: EntityManager) {}

  async lockState(category: ReportCategory): Promise<CategoryStateRow> {
    const [r] = (await this.db.query('SELECT * FROM report_category_state WHERE category = ? FOR UPDATE', [category])) as CategoryStateRow[];
    return r;
  }

  async enqueue(rows: { messageId: string; category: ReportCategory; mode: string; itemCount: number; payload: string }[], now: Date): Promise<void> {
    for (const r of rows) {
      await this.db.query(
        'INSERT INTO report_outbox (message_id, category, mode, item_count, payload, state, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,?)',
        [r.messageId, r.category, r.mode, r.itemCount, r.payload, 'PENDING', now, now],
      );
    }
  }

  async setWatermark(category: ReportCategory, watermark: string, now: Date): Promise<void> {
    await this.db.query('UPDATE report_category_state SET watermark = ?, last_enqueued_at = ? WHERE category = ?', [watermark, now, category]);
  }

  /**
   * Claims the oldest pending message of each category (reports of one category go out in order) that is
   * due and not leased by another sender. The conditional UPDATE is the claim: two senders cannot both win.
   */
  async claimHeads(now: Date, leaseMs: number): Promise<OutboxRow[]> {
    const heads = (await this.db.query("SELECT MIN(id) AS id FROM report_outbox WHERE state = 'PENDING' GROUP BY category")) as { id: string }[];
    const claimed: OutboxRow[] = [];
    for (const { id } of heads) {
      const r = (await this.db.query(
        "UPDATE report_outbox SET lease_until = ?, attempts = attempts + 1 WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)",
        [new Date(now.getTime() + leaseMs), id, now, now],
      )) as { affectedRows: number };
      if (r.affectedRows) {
        const [row] = (await this.db.query('SELECT id, message_id, category, mode, item_count, payload, state, attempts FROM report_outbox WHERE id = ?', [
          id,
        ])) as OutboxRow[];
        claimed.push(row);
      }
    }
    return claimed;
  }

  /** Run it in a unit: the message and its category's state change together. */
  async markSent(row: OutboxRow, now: Date): Promise<void> {
    await this.db.query("UPDATE report_outbox SET state = 'SENT', sent_at = ?, lease_until = NULL, last_code = NULL WHERE id = ?", [now, row.id]);
    await this.db.query(
      'UPDATE report_category_state SET last_success_at = ?, last_success_message_id = ?, last_attempt_at = ?, consecutive_failures = 0 WHERE category = ?',
      [now, row.message_id, now, row.category],
    );
  }

  /** Run it in a unit: the message and its category's state change together. */
  async markFailed(row: OutboxRow, now: Date, err: { message: string; code?: string }, retryAt: Date | null): Promise<void> {
    const msg = err.message.slice(0, 500);
    if (retryAt)
      await this.db.query('UPDATE report_outbox SET next_attempt_at = ?, lease_until = NULL, last_error = ?, last_code = ? WHERE id = ?', [
        retryAt,
        msg,
        err.code ?? null,
        row.id,
      ]);
    else
      await this.db.query("UPDATE report_outbox SET state = 'REFUSED', lease_until = NULL, last_error = ?, last_code = ? WHERE id = ?", [
        msg,
        err.code ?? null,
        row.id,
      ]);
    await this.db.query(
      'UPDATE report_category_state SET last_error = ?, last_error_code = ?, last_error_at = ?, last_attempt_at = ?, consecutive_failures = consecutive_failures + 1 WHERE category = ?',
      [msg, err.code ?? null, now, now, row.category],
    );
  }

  async states(): Promise<CategoryStateRow[]> {
    const rows = (await this.db.query('SELECT * FROM report_category_state')) as CategoryStateRow[];
    return REPORT_CATEGORIES.map((c) => rows.find((r) => r.category === c)).filter((r): r is CategoryStateRow => r !== undefined);
  }

  async counts(): Promise<{ category: string; state: string; n: string }[]> {
    return (await this.db.query('SELECT category, state, COUNT(*) AS n FROM report_outbox GROUP BY category, state')) as {
      category: string;
      state: string;
      n: string;
    }[];
  }

  async list(f: { category?: string; state?: string; limit: number }): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.category) {
      where.push('category = ?');
      params.push(f.category);
    }
    if (f.state) {
      where.push('state = ?');
      params.push(f.state);
    }
    return (await this.db.query(
      `SELECT id, message_id AS messageId, category, mode, item_count AS itemCount, state, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, last_code AS lastCode, created_at AS createdAt, sent_at AS sentAt FROM report_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${Math.min(1000, f.limit)}`,
      params,
    )) as Record<string, unknown>[];
  }
}
