import { DOWNLINK_INSERT_SQL, downlinkInsertParams, DownlinkRecord } from '@app/ops-contract';
import type { Pool, RowDataPacket } from 'mysql2/promise';

export interface DownlinkRecordRow {
  recordId: string;
  sourceNode: string;
  targetUnit: string;
  dataType: string;
  createdAt: Date;
}

export interface DownlinkEventRow {
  recordId: string;
  event: string;
  operator: string;
  detail: string | null;
  at: Date;
}

/**
 * The upstream node's side of a district ops front DB (the downlink DDL of @app/ops-contract): it
 * writes `dl_record` rows and reads back the `dl_shadow` events the district wrote about them.
 * Bound to one node's pool (FrontDbPools.use).
 */
export class DownlinkRecordRepository {
  constructor(private readonly pool: Pool) {}

  /** Inserts the records in one front-DB transaction: all or none. */
  async insertAll(records: readonly DownlinkRecord[]): Promise<void> {
    const conn = await this.pool.getConnection();
    try {
      await conn.beginTransaction();
      for (const r of records) await conn.query(DOWNLINK_INSERT_SQL, downlinkInsertParams(r));
      await conn.commit();
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    } finally {
      conn.release();
    }
  }

  /** The latest records from `sourceNode`, newest first. */
  async recentFrom(sourceNode: string, limit: number): Promise<DownlinkRecordRow[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT record_id, source_node, target_unit, data_type, created_at FROM dl_record WHERE source_node = ? ORDER BY id DESC LIMIT ?',
      [sourceNode, limit],
    );
    return rows.map((r) => ({
      recordId: String(r.record_id),
      sourceNode: String(r.source_node),
      targetUnit: String(r.target_unit),
      dataType: String(r.data_type),
      createdAt: r.created_at as Date,
    }));
  }

  /** The shadow events of these records, oldest first. */
  async eventsOf(recordIds: readonly string[]): Promise<DownlinkEventRow[]> {
    if (recordIds.length === 0) return [];
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT record_id, event, operator, detail, at FROM dl_shadow WHERE record_id IN (${recordIds.map(() => '?').join(',')}) ORDER BY at, id`,
      [...recordIds],
    );
    return rows.map((e) => ({
      recordId: String(e.record_id),
      event: String(e.event),
      operator: String(e.operator),
      detail: e.detail === null ? null : String(e.detail),
      at: e.at as Date,
    }));
  }
}
