import { EntityManager } from 'typeorm';
import { insertRow } from '../database/insert-row';
import { ApplicationVersionEntity } from './application-version.entity';

type Row = Record<string, unknown>;

/** The only code that reads or writes `application_version` for the use-cases. */
export class ApplicationVersionRepository {
  constructor(private readonly em: EntityManager) {}

  /** A new version in progress (not submitted, no supplement request). */
  async insertDraft(applyNo: string, version: number, formData: Record<string, unknown>, createdBy: string): Promise<void> {
    await insertRow(
      this.em,
      ApplicationVersionEntity,
      this.em.create(ApplicationVersionEntity, { applyNo, version, formData, createdBy, submittedAt: null, submittedBy: null, supplementRequest: null }),
    );
  }

  getOrFail(applyNo: string, version: number): Promise<ApplicationVersionEntity> {
    return this.em.findOneOrFail(ApplicationVersionEntity, { where: { applyNo, version } });
  }

  async markSubmitted(applyNo: string, version: number, by: string): Promise<void> {
    await this.em.query('UPDATE application_version SET submitted_at = NOW(3), submitted_by = ? WHERE apply_no = ? AND version = ?', [by, applyNo, version]);
  }

  /** params: [supplement_request JSON, apply_no, version] of each 补正补齐 of a callback batch. */
  async setSupplementRequests(params: unknown[][]): Promise<void> {
    for (const p of params) await this.em.query('UPDATE application_version SET supplement_request = ? WHERE apply_no = ? AND version = ?', p);
  }

  loadForDispatch(applyNos: string[]): Promise<Row[]> {
    return this.em.query('SELECT apply_no, version, form_data, submitted_by, submitted_at FROM application_version WHERE apply_no IN (?)', [
      applyNos,
    ]) as Promise<Row[]>;
  }
}
