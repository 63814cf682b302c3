import { EntityManager } from 'typeorm';

export interface DeliveryRow {
  record_id: string;
  source_node: string;
  target_unit: string;
  data_type: string;
  content: string;
  attempts: number;
}

export interface NewDelivery {
  recordId: string;
  sourceNode: string;
  targetUnit: string;
  dataType: string;
  content: string | null;
  state: 'PENDING' | 'REJECTED';
  reason: string | null;
}

/**
 * downlink_delivery: the records taken from the ops front DB and their delivery to the units.
 * Delivery attempts are claimed by moving next_attempt_at (a lease), so replicas never deliver one
 * record at the same time; shadow_pending holds the shadow event still owed to the front DB.
 */
export class DownlinkDeliveryRepository {
  constructor(private readonly db: EntityManager) {}

  /** Idempotent on recordId: a repeated copy (crash between copy and TAKEN) changes nothing. */
  async insertTaken(d: NewDelivery, now: Date): Promise<void> {
    await this.db.query(
      'INSERT IGNORE INTO downlink_delivery (record_id, source_node, target_unit, data_type, content, state, reason, next_attempt_at, taken_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
      [d.recordId, d.sourceNode, d.targetUnit, d.dataType, d.content, d.state, d.reason, now, now, now],
    );
  }

  async due(now: Date, limit: number): Promise<DeliveryRow[]> {
    return (await this.db.query(
      `SELECT record_id, source_node, target_unit, data_type, content, attempts FROM downlink_delivery WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY taken_at LIMIT ${limit}`,
      [now],
    )) as DeliveryRow[];
  }

  /** Takes the attempt (attempts + 1, next attempt after the lease); false when another worker was first. */
  async claim(recordId: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const r = (await this.db.query(
      "UPDATE downlink_delivery SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE record_id = ? AND state = 'PENDING' AND next_attempt_at <= ?",
      [leaseUntil, now, recordId, now],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  async markDelivered(recordId: string, now: Date): Promise<void> {
    await this.db.query(
      "UPDATE downlink_delivery SET state = 'DELIVERED', delivered_at = ?, reason = NULL, shadow_pending = 'DELIVERED', updated_at = ? WHERE record_id = ?",
      [now, now, recordId],
    );
  }

  async retryLater(recordId: string, retryAt: Date, reason: string, now: Date): Promise<void> {
    await this.db.query('UPDATE downlink_delivery SET next_attempt_at = ?, reason = ?, updated_at = ? WHERE record_id = ?', [
      retryAt,
      reason.slice(0, 500),
      now,
      recordId,
    ]);
  }

  async shadowsOwed(limit: number): Promise<{ record_id: string; shadow_pending: string }[]> {
    return (await this.db.query(`SELECT record_id, shadow_pending FROM downlink_delivery WHERE shadow_pending IS NOT NULL LIMIT ${limit}`)) as {
      record_id: string;
      shadow_pending: string;
    }[];
  }

  async shadowWritten(recordId: string, event: string): Promise<void> {
    await this.db.query('UPDATE downlink_delivery SET shadow_pending = NULL WHERE record_id = ? AND shadow_pending = ?', [recordId, event]);
  }

  /** The API's list, newest first. */
  async list(state: string | undefined): Promise<Record<string, unknown>[]> {
    return (await this.db.query(
      `SELECT record_id AS recordId, source_node AS sourceNode, target_unit AS targetUnit, data_type AS dataType, state, reason, attempts, taken_at AS takenAt, delivered_at AS deliveredAt FROM downlink_delivery ${state ? 'WHERE state = ?' : ''} ORDER BY taken_at DESC LIMIT 500`,
      state ? [state] : [],
    )) as Record<string, unknown>[];
  }
}
