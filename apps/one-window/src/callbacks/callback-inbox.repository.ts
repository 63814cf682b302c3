import { BLOB_STATEMENT_BUDGET, chunkBySize } from '@app/common';
import { EntityManager } from 'typeorm';

export type InboxOutcome = 'APPLIED' | 'STALE' | 'REJECTED';

/**
 * The only code that reads or writes `callback_inbox` and `result_file`. The inbox primary key
 * is the exactly-once guard of the callbacks: a row here means the callback was applied.
 */
export class CallbackInboxRepository {
  constructor(private readonly em: EntityManager) {}

  /** Outcomes already recorded for these applications, by `applyNo#version#stage`. */
  async priorOutcomes(applyNos: string[]): Promise<Map<string, InboxOutcome>> {
    const rows = (await this.em.query('SELECT apply_no, version, stage, outcome FROM callback_inbox WHERE apply_no IN (?)', [applyNos])) as {
      apply_no: string;
      version: number;
      stage: string;
      outcome: InboxOutcome;
    }[];
    return new Map(rows.map((r) => [`${r.apply_no}#${Number(r.version)}#${r.stage}`, r.outcome]));
  }

  /** rows: [apply_no, version, stage, dept_code, outcome, note, via, conclude_outcome, opinion, detail, handled_by, handled_at, written_at, correlation_id] */
  async insertMany(rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    await this.em.query(
      `INSERT INTO callback_inbox (apply_no, version, stage, dept_code, outcome, note, via, conclude_outcome, opinion, detail, handled_by, handled_at, written_at, taken_at, correlation_id)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), ?)').join(',')}`,
      rows.flat(),
    );
  }

  /** files: [apply_no, version, stage, file_name, mime, size, sm3, content], in statements of at most BLOB_STATEMENT_BUDGET bytes. */
  async insertResultFiles(files: unknown[][]): Promise<void> {
    for (const chunk of chunkBySize(files, (f) => Number(f[5]), BLOB_STATEMENT_BUDGET)) {
      await this.em.query(
        `INSERT INTO result_file (apply_no, version, stage, file_name, mime_type, size_bytes, sm3, content)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(',')} ON DUPLICATE KEY UPDATE sm3 = VALUES(sm3)`,
        chunk.flat(),
      );
    }
  }
}
