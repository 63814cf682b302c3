import { AppError, ReturnCode, currentCorrelationId, retryTransient } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClerkClaims } from '../../auth/token.service';
import { CatalogService } from '../../catalog/catalog.service';
import { DispatchOutboxEntity, OutboxState } from '../../dispatch/dispatch-outbox.entity';
import { DispatchSignal } from '../../dispatch/dispatch.signal';
import { ApplicationMaterialEntity } from '../application-material.entity';
import { ApplicationVersionEntity } from '../application-version.entity';
import { ApplicationEntity, ApplicationState } from '../application.entity';

/**
 * Submitting closes the draft version and puts it in the dispatch outbox in the same
 * transaction: from here on the platform owes the department this version, across crashes.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly signal: DispatchSignal,
  ) {}

  async execute(applyNo: string, clerk: ClerkClaims): Promise<ApplicationEntity> {
    const app = await retryTransient(() => this.ds.transaction('READ COMMITTED', async (em) => {
      const app = await em.findOne(ApplicationEntity, { where: { applyNo }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw new AppError(ReturnCode.NOT_FOUND, applyNo);
      if (app.state !== ApplicationState.DRAFT) throw new AppError(ReturnCode.CONFLICT, `状态为 ${app.state}，不能提交`);
      await this.completeMaterials(em, app, clerk);
      const now = new Date();
      await em.update(ApplicationVersionEntity, { applyNo, version: app.currentVersion }, { submittedAt: now, submittedBy: clerk.username });
      await em.update(ApplicationEntity, { applyNo }, { state: ApplicationState.SUBMITTED });
      await em.insert(DispatchOutboxEntity, {
        applyNo,
        version: app.currentVersion,
        deptCode: app.deptCode,
        state: OutboxState.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        correlationId: currentCorrelationId() ?? app.correlationId,
        writtenAt: null,
        notifiedAt: null,
      });
      app.state = ApplicationState.SUBMITTED;
      return app;
    }));
    this.signal.kick();
    return app;
  }

  /** Carries unchanged materials over from the previous version, then insists every required one is present. */
  private async completeMaterials(em: EntityManager, app: ApplicationEntity, clerk: ClerkClaims): Promise<void> {
    const item = await this.catalog.get(app.itemCode);
    const v = app.currentVersion;
    if (v > 1) {
      await em.query(
        `INSERT INTO application_material (apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3, content, carried_from_version, uploaded_by, uploaded_at)
         SELECT p.apply_no, ?, p.material_code, p.material_name, p.file_name, p.mime_type, p.size_bytes, p.sm3, p.content, COALESCE(p.carried_from_version, p.version), ?, NOW(3)
         FROM application_material p
         WHERE p.apply_no = ? AND p.version = ?
           AND NOT EXISTS (SELECT 1 FROM application_material c WHERE c.apply_no = p.apply_no AND c.version = ? AND c.material_code = p.material_code)`,
        [v, clerk.username, app.applyNo, v - 1, v],
      );
    }
    const present = new Set((await em.find(ApplicationMaterialEntity, { where: { applyNo: app.applyNo, version: v }, select: { materialCode: true } })).map((m) => m.materialCode));
    const missing = item.materials.filter((m) => m.required && !present.has(m.code));
    if (missing.length > 0) {
      throw new AppError(ReturnCode.MATERIALS_INCOMPLETE, missing.map((m) => m.name).join('、'), { missing: missing.map((m) => m.code) });
    }
  }
}
