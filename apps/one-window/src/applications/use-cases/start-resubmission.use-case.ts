import { insertRow } from '../../database/insert-row';
import { AppError, ReturnCode, retryTransient } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@app/accounts';
import { ApplicationVersionEntity } from '../application-version.entity';
import { ApplicationEntity, ApplicationState } from '../application.entity';

/** After 补正补齐: opens version n+1 as a draft; materials not uploaded again are carried over at submit. */
@Injectable()
export class StartResubmissionUseCase {
  constructor(private readonly ds: DataSource) {}

  execute(applyNo: string, formData: Record<string, unknown> | undefined, clerk: Principal): Promise<ApplicationEntity> {
    return retryTransient(() => this.ds.transaction('READ COMMITTED', async (em) => {
      const app = await em.findOne(ApplicationEntity, { where: { applyNo }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
      if (app.state !== ApplicationState.SUPPLEMENT_REQUIRED) throw new AppError(ReturnCode.CONFLICT, `状态为 ${app.state}，无需补正补齐`);
      const prev = await em.findOneOrFail(ApplicationVersionEntity, { where: { applyNo, version: app.currentVersion } });
      const version = app.currentVersion + 1;
      await insertRow(em, ApplicationVersionEntity, em.create(ApplicationVersionEntity, { applyNo, version, formData: formData ?? prev.formData, createdBy: clerk.username, submittedAt: null, submittedBy: null, supplementRequest: null }));
      await em.update(ApplicationEntity, { applyNo }, { currentVersion: version, state: ApplicationState.DRAFT });
      return { ...app, currentVersion: version, state: ApplicationState.DRAFT };
    }));
  }
}
