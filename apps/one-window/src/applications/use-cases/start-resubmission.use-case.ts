import { AppError, Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { CatalogService } from '../../catalog/catalog.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { applicationMachine, ApplicationEvent } from '../application-state-machine';
import { ApplicationEntity } from '../application.entity';
import { checkFormData, formDataRefusal } from '../rules/form-data';
import { ApplicationRepository } from '../application.repository';
import { ApplicationVersionRepository } from '../application-version.repository';

/** After 补正补齐: opens version n+1 as a draft; materials not uploaded again are carried over at submit. */
@Injectable()
export class StartResubmissionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  execute(applyNo: string, formData: Record<string, unknown> | undefined, clerk: Principal): Promise<ApplicationEntity> {
    return this.uow.run(async (tx) => {
      const app = await tx.get(ApplicationRepository).lock(applyNo);
      if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
      // refused (only SUPPLEMENT_REQUIRED reopens) before anything is read or written
      applicationMachine.next(app.state, ApplicationEvent.RESUBMIT);
      // a new form is checked against the item's fields like at registration; without one the previous version's is kept
      let form: Record<string, unknown> | undefined;
      if (formData) {
        const checked = checkFormData((await this.catalog.get(app.itemCode)).formFields, formData, this.clock.now());
        if (checked.problems.length) throw formDataRefusal(checked.problems);
        form = checked.value;
      }
      const prev = await tx.get(ApplicationVersionRepository).getOrFail(applyNo, app.currentVersion);
      const version = app.currentVersion + 1;
      await tx.get(ApplicationVersionRepository).insertDraft(applyNo, version, form ?? prev.formData, clerk.username);
      const state = await tx.get(ApplicationRepository).openVersion(applyNo, app.state, version);
      return { ...app, currentVersion: version, state };
    });
  }
}
