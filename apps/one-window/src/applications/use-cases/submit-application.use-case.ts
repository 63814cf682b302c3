import { AppError, currentCorrelationId, retryTransient, ReturnCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@app/accounts';
import { CatalogService } from '../../catalog/catalog.service';
import { DispatchSignal } from '../../dispatch/dispatch.signal';
import { ApplicationState } from '../application.entity';

interface Locked {
  state: ApplicationState;
  currentVersion: number;
  itemCode: string;
  deptCode: string;
  correlationId: string;
}

/**
 * Submitting closes the draft version and puts it in the dispatch outbox in the same
 * transaction: from here on the platform owes the department this version, across crashes.
 * Hot path (every application): explicit SQL, six statements, one commit.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly signal: DispatchSignal,
  ) {}

  async execute(applyNo: string, clerk: Principal): Promise<{ applyNo: string; state: ApplicationState; currentVersion: number }> {
    const result = await retryTransient(() =>
      this.ds.transaction('READ COMMITTED', async (em) => {
        const rows = (await em.query(
          'SELECT state, current_version AS currentVersion, item_code AS itemCode, dept_code AS deptCode, correlation_id AS correlationId FROM application WHERE apply_no = ? FOR UPDATE',
          [applyNo],
        )) as Locked[];
        const app = rows[0];
        if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
        if (app.state !== ApplicationState.DRAFT) throw new AppError(ReturnCode.CONFLICT, `状态为 ${app.state}，不能提交`);
        const version = Number(app.currentVersion);
        await this.completeMaterials(em, applyNo, version, app.itemCode, clerk);
        await em.query('UPDATE application_version SET submitted_at = NOW(3), submitted_by = ? WHERE apply_no = ? AND version = ?', [clerk.username, applyNo, version]);
        await em.query('UPDATE application SET state = ? WHERE apply_no = ?', [ApplicationState.SUBMITTED, applyNo]);
        await em.query(
          `INSERT INTO dispatch_outbox (apply_no, version, dept_code, state, attempts, next_attempt_at, correlation_id) VALUES (?, ?, ?, 'PENDING', 0, NOW(3), ?)`,
          [applyNo, version, app.deptCode, currentCorrelationId() ?? app.correlationId],
        );
        return { applyNo, state: ApplicationState.SUBMITTED, currentVersion: version };
      }),
    );
    this.signal.kick();
    return result;
  }

  /** Carries unchanged materials over from the previous version, then insists every required one is present. */
  private async completeMaterials(em: EntityManager, applyNo: string, v: number, itemCode: string, clerk: Principal): Promise<void> {
    const item = await this.catalog.get(itemCode);
    if (v > 1) {
      await em.query(
        `INSERT INTO application_material (apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3, content, carried_from_version, uploaded_by, uploaded_at)
         SELECT p.apply_no, ?, p.material_code, p.material_name, p.file_name, p.mime_type, p.size_bytes, p.sm3, p.content, COALESCE(p.carried_from_version, p.version), ?, NOW(3)
         FROM application_material p
         WHERE p.apply_no = ? AND p.version = ?
           AND NOT EXISTS (SELECT 1 FROM application_material c WHERE c.apply_no = p.apply_no AND c.version = ? AND c.material_code = p.material_code)`,
        [v, clerk.username, applyNo, v - 1, v],
      );
    }
    const present = new Set(((await em.query('SELECT material_code AS code FROM application_material WHERE apply_no = ? AND version = ?', [applyNo, v])) as { code: string }[]).map((m) => m.code));
    const missing = item.materials.filter((m) => m.required && !present.has(m.code));
    if (missing.length > 0) {
      throw new AppError(ReturnCode.MATERIALS_INCOMPLETE, missing.map((m) => m.name).join('、'), { missing: missing.map((m) => m.code) });
    }
  }
}
