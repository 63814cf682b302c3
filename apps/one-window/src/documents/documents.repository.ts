import { EntityManager } from 'typeorm';
import { MaterialCheckEntity } from './material-check.entity';

export interface StoredFile {
  fileName: string;
  mimeType: string;
  sm3: string;
  content: Buffer;
}

/**
 * The only code that reads file contents for the clerk's screens, and the only code that reads or
 * writes `material_check` (收件 ticks). Materials and result files are written by their use-cases'
 * repositories (application-material.repository.ts, callback-inbox.repository.ts); this one only reads them.
 */
export class DocumentsRepository {
  constructor(private readonly em: EntityManager) {}

  async materialFile(applyNo: string, version: number, materialCode: string): Promise<StoredFile | null> {
    const rows = (await this.em.query(
      'SELECT file_name, mime_type, sm3, content FROM application_material WHERE apply_no = ? AND version = ? AND material_code = ?',
      [applyNo, version, materialCode],
    )) as { file_name: string; mime_type: string; sm3: string; content: Buffer }[];
    return rows.length ? { fileName: rows[0].file_name, mimeType: rows[0].mime_type, sm3: rows[0].sm3, content: rows[0].content } : null;
  }

  async resultFile(applyNo: string, version: number, stage: string, fileName: string): Promise<StoredFile | null> {
    const rows = (await this.em.query(
      'SELECT file_name, mime_type, sm3, content FROM result_file WHERE apply_no = ? AND version = ? AND stage = ? AND file_name = ?',
      [applyNo, version, stage, fileName],
    )) as { file_name: string; mime_type: string; sm3: string; content: Buffer }[];
    return rows.length ? { fileName: rows[0].file_name, mimeType: rows[0].mime_type, sm3: rows[0].sm3, content: rows[0].content } : null;
  }

  async saveCheck(row: MaterialCheckEntity): Promise<void> {
    await this.em.query(
      `INSERT INTO material_check (apply_no, version, material_code, original_seen, paper_copies, checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE original_seen = VALUES(original_seen), paper_copies = VALUES(paper_copies), checked_by = VALUES(checked_by), checked_at = VALUES(checked_at)`,
      [row.applyNo, row.version, row.materialCode, row.originalSeen, row.paperCopies, row.checkedBy, row.checkedAt],
    );
  }

  async checks(applyNo: string): Promise<MaterialCheckEntity[]> {
    const rows = (await this.em.query(
      'SELECT apply_no, version, material_code, original_seen, paper_copies, checked_by, checked_at FROM material_check WHERE apply_no = ? ORDER BY version, material_code',
      [applyNo],
    )) as { apply_no: string; version: number; material_code: string; original_seen: number; paper_copies: number; checked_by: string; checked_at: Date }[];
    return rows.map((r) => ({
      applyNo: r.apply_no,
      version: Number(r.version),
      materialCode: r.material_code,
      originalSeen: Boolean(r.original_seen),
      paperCopies: Number(r.paper_copies),
      checkedBy: r.checked_by,
      checkedAt: r.checked_at,
    }));
  }
}
