import { AppError, toBeijingIso } from '@app/common';
import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { UnitOfWork } from '../database/unit-of-work';
import { smsView } from '../applicant-sms/applicant-sms.view';
import { deliveryView } from '../delivery/delivery-view';
import { SupervisionQuery } from '../supervision/supervision.query';
import { TimelineService } from '../tracking/timeline.service';
import { STATE_LABEL } from './application-state-machine';
import { SearchApplicationsDto } from './dto/list-applications.query';
import { supplementView } from './supplement-replacement';
import { ApplicantSmsRepository } from '../applicant-sms/applicant-sms.repository';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { ApplicationReadRepository } from './application-read.repository';

@Injectable()
export class ApplicationsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly timeline: TimelineService,
    private readonly catalog: CatalogService,
    private readonly supervision: SupervisionQuery,
  ) {}

  async list(q: SearchApplicationsDto) {
    const [rows, total] = await this.uow.autocommit.get(ApplicationReadRepository).list(q);
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map((a) => ({ ...a, stateLabel: STATE_LABEL[a.state] })) };
  }

  async get(applyNo: string) {
    const reads = this.uow.autocommit.get(ApplicationReadRepository);
    const app = await reads.find(applyNo);
    if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
    const [[versions, materials, callbacks, files], delivery, item, sms] = await Promise.all([
      reads.details(applyNo),
      this.uow.autocommit.get(DeliveryRepository).find(applyNo),
      this.catalog.get(app.itemCode),
      this.uow.autocommit.get(ApplicantSmsRepository).listFor(applyNo),
    ]);
    const deadline = await this.supervision.forApplication(applyNo);
    const { entries, frontDbAvailable } = await this.timeline.build(app, versions, delivery, sms);
    return {
      ...app,
      stateLabel: STATE_LABEL[app.state],
      versions: versions.map((v) => ({
        ...v,
        // kept in the JSON column as the department's time string: answered in +08:00 like every other time
        supplementRequest: v.supplementRequest && { ...v.supplementRequest, handledAt: toBeijingIso(new Date(v.supplementRequest.handledAt)) },
        materials: materials.filter((m) => m.version === v.version),
      })),
      callbacks,
      resultFiles: files,
      timeline: entries,
      /** false while the department's front DB cannot be reached: the timeline lacks its shadow rows */
      frontDbAvailable,
      /** the latest 补正补齐 request, its materials named and marked replaced or not in the next version */
      supplement: supplementView(versions, materials, item.materials),
      /** 出件 after 办结; null before */
      delivery: deliveryView(app, delivery),
      /** time limits (docs/time-limits.md); null until version 1 is submitted */
      deadline,
      /** the SMS to the applicant (docs/applicant-sms.md), the phone masked */
      sms: smsView(sms),
    };
  }
}
