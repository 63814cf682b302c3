import { EntityManager } from 'typeorm';

/** A claimed outbox row joined with its order (the outbox columns first, then every city_work_order column). */
export type ClaimedWorkOrder = Record<string, unknown>;

/** The only code that writes `city_work_order_outbox`: one row per message the city sends down, delivered under a lease. */
export class WorkOrderOutboxRepository {
  constructor(private readonly em: EntityManager) {}

  async enqueue(nodeCode: string, orderId: string, messageId: string, at: Date, correlationId: string): Promise<void> {
    await this.em.query(
      "INSERT INTO city_work_order_outbox (node_code, order_id, message_id, state, next_attempt_at, correlation_id) VALUES (?, ?, ?, 'PENDING', ?, ?)",
      [nodeCode, orderId, messageId, at, correlationId.slice(0, 64)],
    );
  }

  /** Rows per delivery state, for /health. */
  async countByState(): Promise<Record<string, number>> {
    const rows = (await this.em.query('SELECT state, COUNT(*) AS n FROM city_work_order_outbox GROUP BY state')) as { state: string; n: string }[];
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** Leases up to `limit` due rows to `token` (replicas never send the same row at once); returns how many. */
  async claimDue(token: string, now: Date, leaseUntil: Date, limit: number): Promise<number> {
    const res = (await this.em.query(
      `UPDATE city_work_order_outbox SET claim_token = ?, lease_until = ?
       WHERE state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT ${Number(limit)}`,
      [token, leaseUntil, now, now],
    )) as { affectedRows: number };
    return res.affectedRows;
  }

  /** The rows leased to `token`, each with its order. */
  claimed(token: string): Promise<ClaimedWorkOrder[]> {
    return this.em.query(
      `SELECT o.id, o.node_code, o.message_id, o.attempts, o.correlation_id, w.* FROM city_work_order_outbox o
       JOIN city_work_order w ON w.node_code = o.node_code AND w.order_id = o.order_id WHERE o.claim_token = ?`,
      [token],
    ) as Promise<ClaimedWorkOrder[]>;
  }

  async markDelivered(id: number, token: string, attempts: number, answerCode: string, at: Date): Promise<void> {
    await this.em.query(
      "UPDATE city_work_order_outbox SET state = 'DELIVERED', attempts = ?, answer_code = ?, delivered_at = ?, last_error = NULL, claim_token = NULL, lease_until = NULL WHERE id = ? AND claim_token = ?",
      [attempts, answerCode, at, id, token],
    );
  }

  async markFailed(id: number, token: string, attempts: number, code: string | null, error: string): Promise<void> {
    await this.em.query(
      "UPDATE city_work_order_outbox SET state = 'FAILED', attempts = ?, last_code = ?, last_error = ?, claim_token = NULL, lease_until = NULL WHERE id = ? AND claim_token = ?",
      [attempts, code, error.slice(0, 512), id, token],
    );
  }

  async scheduleRetry(id: number, token: string, attempts: number, code: string | null, error: string, next: Date): Promise<void> {
    await this.em.query(
      'UPDATE city_work_order_outbox SET attempts = ?, last_code = ?, last_error = ?, next_attempt_at = ?, claim_token = NULL, lease_until = NULL WHERE id = ? AND claim_token = ?',
      [attempts, code, error.slice(0, 512), next, id, token],
    );
  }
}
