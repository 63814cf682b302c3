import { EntityManager } from 'typeorm';

/** One line of an order's history: a transition (from → to), a 反馈 or a 记录 (no state change). */
export interface WorkOrderHistoryEntry {
  orderId: string;
  actor: string;
  /** the machine's event (ACCEPT, ASSIGN, …) or FEEDBACK / NOTE / SPLIT_CHILD / SLA_WARNING / SLA_BREACH / ALERT_LINKED */
  event: string;
  from: string | null;
  to: string | null;
  note: string | null;
  detail?: Record<string, unknown>;
}

export interface WorkOrderHistoryRow {
  id: number | string;
  order_id: string;
  at: Date;
  actor: string;
  event: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  detail: string | null;
}

/**
 * work_order_history: append-only. This repository only inserts and reads; nothing in the node updates
 * or deletes a line (feedback is never overwritten — every 反馈 is its own line).
 */
export class WorkOrderHistoryRepository {
  constructor(private readonly db: EntityManager) {}

  async append(e: WorkOrderHistoryEntry, now: Date): Promise<void> {
    await this.db.query('INSERT INTO work_order_history (order_id, at, actor, event, from_state, to_state, note, detail) VALUES (?,?,?,?,?,?,?,?)', [
      e.orderId,
      now,
      e.actor.slice(0, 64),
      e.event,
      e.from,
      e.to,
      e.note,
      e.detail ? JSON.stringify(e.detail) : null,
    ]);
  }

  async ofOrder(orderId: string): Promise<WorkOrderHistoryRow[]> {
    return (await this.db.query('SELECT * FROM work_order_history WHERE order_id = ? ORDER BY id', [orderId])) as WorkOrderHistoryRow[];
  }
}
