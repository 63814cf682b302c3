import { AppError, toBeijingIso } from '@app/common';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { TimelineService } from '../tracking/timeline.service';
import { STATE_LABEL } from './application-state-machine';
import { ListApplicationsQuery } from './dto/list-applications.query';

@Injectable()
export class ApplicationsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly timeline: TimelineService,
  ) {}

  async list(q: ListApplicationsQuery) {
    const [rows, total] = await this.uow.autocommit.reads.list(q);
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map((a) => ({ ...a, stateLabel: STATE_LABEL[a.state] })) };
  }

  async get(applyNo: string) {
    const reads = this.uow.autocommit.reads;
    const app = await reads.find(applyNo);
    if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
    const [versions, materials, callbacks, files] = await reads.details(applyNo);
    const { entries, frontDbAvailable } = await this.timeline.build(app, versions);
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
    };
  }
}
