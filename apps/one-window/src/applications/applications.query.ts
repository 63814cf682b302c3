import { AppError, pageOffset } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackInboxEntity } from '../callbacks/callback-inbox.entity';
import { ResultFileEntity } from '../callbacks/result-file.entity';
import { pii } from '../database/pii';
import { TimelineService } from '../tracking/timeline.service';
import { ApplicationMaterialEntity } from './application-material.entity';
import { ApplicationVersionEntity } from './application-version.entity';
import { ApplicationEntity, STATE_LABEL } from './application.entity';
import { ListApplicationsQuery } from './dto/list-applications.query';

@Injectable()
export class ApplicationsQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly timeline: TimelineService,
  ) {}

  async list(q: ListApplicationsQuery) {
    const qb = this.ds.getRepository(ApplicationEntity).createQueryBuilder('a');
    if (q.state) qb.andWhere('a.state = :state', { state: q.state });
    if (q.deptCode) qb.andWhere('a.dept_code = :dept', { dept: q.deptCode });
    if (q.itemCode) qb.andWhere('a.item_code = :item', { item: q.itemCode });
    if (q.applicant) qb.andWhere('(a.applicant_name = :ap OR a.applicant_id_hash = :aph)', { ap: q.applicant, aph: pii().blindIndex(q.applicant) });
    if (q.from) qb.andWhere('a.created_at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.created_at < :to', { to: new Date(q.to) });
    const [rows, total] = await qb.orderBy('a.created_at', 'DESC').addOrderBy('a.apply_no', 'DESC').skip(pageOffset(q)).take(q.pageSize).getManyAndCount();
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map((a) => ({ ...a, stateLabel: STATE_LABEL[a.state] })) };
  }

  async get(applyNo: string) {
    const app = await this.ds.getRepository(ApplicationEntity).findOne({ where: { applyNo } });
    if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
    const [versions, materials, callbacks, files] = await Promise.all([
      this.ds.getRepository(ApplicationVersionEntity).find({ where: { applyNo }, order: { version: 'ASC' } }),
      this.ds.getRepository(ApplicationMaterialEntity).find({ where: { applyNo }, order: { version: 'ASC', materialCode: 'ASC' } }),
      this.ds.getRepository(CallbackInboxEntity).find({ where: { applyNo }, order: { takenAt: 'ASC' } }),
      this.ds.getRepository(ResultFileEntity).find({ where: { applyNo } }),
    ]);
    const { entries, frontDbAvailable } = await this.timeline.build(app, versions);
    return {
      ...app,
      stateLabel: STATE_LABEL[app.state],
      versions: versions.map((v) => ({ ...v, materials: materials.filter((m) => m.version === v.version) })),
      callbacks,
      resultFiles: files,
      timeline: entries,
      /** false while the department's front DB cannot be reached: the timeline lacks its shadow rows */
      frontDbAvailable,
    };
  }
}
