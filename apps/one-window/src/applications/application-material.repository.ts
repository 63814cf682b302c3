import { EntityManager } from 'typeorm';
import { ApplicationMaterialEntity } from './application-material.entity';

type Row = Record<string, unknown>;

/** The only code that reads or writes `application_material` for the use-cases. */
export class ApplicationMaterialRepository {
  constructor(private readonly em: EntityManager) {}

  async upsert(row: ApplicationMaterialEntity): Promise<void> {
    await this.em.upsert(ApplicationMaterialEntity, row, ['applyNo', 'version', 'materialCode']);
  }

  /**
   * Carries the materials of version v-1 not uploaded again into version v (one statement, contents
   * stay in the DB), except `exclude`: the ones the department flagged at 补正补齐 are never carried.
   */
  async carryOver(applyNo: string, v: number, by: string, exclude: string[] = []): Promise<void> {
    await this.em.query(
      `INSERT INTO application_material (apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3, content, carried_from_version, uploaded_by, uploaded_at)
         SELECT p.apply_no, ?, p.material_code, p.material_name, p.file_name, p.mime_type, p.size_bytes, p.sm3, p.content, COALESCE(p.carried_from_version, p.version), ?, NOW(3)
         FROM application_material p
         WHERE p.apply_no = ? AND p.version = ?
           AND NOT EXISTS (SELECT 1 FROM application_material c WHERE c.apply_no = p.apply_no AND c.version = ? AND c.material_code = p.material_code)
           ${exclude.length > 0 ? 'AND p.material_code NOT IN (?)' : ''}`,
      [v, by, applyNo, v - 1, v, ...(exclude.length > 0 ? [exclude] : [])],
    );
  }

  async presentCodes(applyNo: string, v: number): Promise<Set<string>> {
    return new Set(
      (
        (await this.em.query('SELECT material_code AS code FROM application_material WHERE apply_no = ? AND version = ?', [applyNo, v])) as { code: string }[]
      ).map((m) => m.code),
    );
  }

  /** Every material of these applications without its content. */
  metaForDispatch(applyNos: string[]): Promise<Row[]> {
    return this.em.query(
      'SELECT apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3 FROM application_material WHERE apply_no IN (?)',
      [applyNos],
    ) as Promise<Row[]>;
  }

  /** File contents, one query; versions IN (…) keeps most older versions' files out without a row-constructor IN. */
  contents(applyNos: string[], versions: number[]): Promise<{ apply_no: string; version: number; material_code: string; content: Buffer }[]> {
    return this.em.query('SELECT apply_no, version, material_code, content FROM application_material WHERE apply_no IN (?) AND version IN (?)', [
      applyNos,
      versions,
    ]) as Promise<{ apply_no: string; version: number; material_code: string; content: Buffer }[]>;
  }
}
