import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The downlink tables of the ops front DB (运维前置库, a DDL contract with the upstream node): dl_record
 * written by the city, dl_shadow written by us. Runs on the front DB's connection or transaction,
 * which the caller passes (the front DB is reached lazily and may be down).
 */
@Injectable()
export class OpsFrontRepository {
  /** Records without a TAKEN or REJECTED shadow, older than the lag; locked with SKIP LOCKED so replicas share the scan. */
  async claimUntaken(em: EntityManager, lagMs: number, limit: number): Promise<Record<string, unknown>[]> {
    return (await em.query(
      `SELECT r.* FROM dl_record r LEFT JOIN dl_shadow s ON s.record_id = r.record_id AND s.event IN ('TAKEN','REJECTED')
           WHERE s.id IS NULL AND r.created_at <= NOW(3) - INTERVAL ? MICROSECOND ORDER BY r.id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      [lagMs * 1000],
    )) as Record<string, unknown>[];
  }

  /** Idempotent per record and event. */
  async writeShadow(db: EntityManager | DataSource, recordId: string, event: string, operator: string, detail?: string | null): Promise<void> {
    if (detail === undefined) await db.query('INSERT IGNORE INTO dl_shadow (record_id, event, operator) VALUES (?,?,?)', [recordId, event, operator]);
    else await db.query('INSERT IGNORE INTO dl_shadow (record_id, event, operator, detail) VALUES (?,?,?,?)', [recordId, event, operator, detail]);
  }
}
