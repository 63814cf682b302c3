import { pageOffset } from '@app/common';
import { EntityManager } from 'typeorm';
import { CallbackInboxEntity } from '../callbacks/callback-inbox.entity';
import { ResultFileEntity } from '../callbacks/result-file.entity';
import { pii } from '../database/pii';
import { deliveryFilterSql } from '../delivery/delivery.repository';
import { ApplicationMaterialEntity } from './application-material.entity';
import { ApplicationVersionEntity } from './application-version.entity';
import { ApplicationEntity } from './application.entity';
import { SearchApplicationsDto } from './dto/list-applications.query';

/** The read model of the clerk API: lists and the full record of one application (TypeORM entities, no locks). */
export class ApplicationReadRepository {
  constructor(private readonly em: EntityManager) {}

  list(q: SearchApplicationsDto): Promise<[ApplicationEntity[], number]> {
    const qb = this.em.getRepository(ApplicationEntity).createQueryBuilder('a');
    if (q.state) qb.andWhere('a.state = :state', { state: q.state });
    if (q.deptCode) qb.andWhere('a.dept_code = :dept', { dept: q.deptCode });
    if (q.itemCode) qb.andWhere('a.item_code = :item', { item: q.itemCode });
    if (q.applicant) qb.andWhere('(a.applicant_name = :ap OR a.applicant_id_hash = :aph)', { ap: q.applicant, aph: pii().blindIndex(q.applicant) });
    if (q.from) qb.andWhere('a.created_at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.created_at < :to', { to: new Date(q.to) });
    if (q.delivery) {
      const f = deliveryFilterSql(q.delivery);
      qb.andWhere(f.sql, f.params);
    }
    if (q.deadline)
      qb.andWhere('EXISTS (SELECT 1 FROM application_deadline d WHERE d.apply_no = a.apply_no AND d.state = :dl AND d.closed = 0)', { dl: q.deadline });
    // the window of an application is that of the account that registered it (windowOf below)
    if (q.windowNo) qb.andWhere('EXISTS (SELECT 1 FROM sec_account s WHERE s.username = a.created_by AND s.window_no = :win)', { win: q.windowNo });
    return qb.orderBy('a.created_at', 'DESC').addOrderBy('a.apply_no', 'DESC').skip(pageOffset(q)).take(q.pageSize).getManyAndCount();
  }

  find(applyNo: string): Promise<ApplicationEntity | null> {
    return this.em.getRepository(ApplicationEntity).findOne({ where: { applyNo } });
  }

  /** The most recent application of an ID number (by its blind index), or null. */
  latestByIdHash(idHash: string): Promise<ApplicationEntity | null> {
    return this.em.getRepository(ApplicationEntity).findOne({ where: { applicantIdHash: idHash }, order: { createdAt: 'DESC', applyNo: 'DESC' } });
  }

  /** Versions, materials (with content), callbacks and result files of one application, read in parallel. */
  details(applyNo: string): Promise<[ApplicationVersionEntity[], ApplicationMaterialEntity[], CallbackInboxEntity[], ResultFileEntity[]]> {
    return Promise.all([
      this.em.getRepository(ApplicationVersionEntity).find({ where: { applyNo }, order: { version: 'ASC' } }),
      this.em.getRepository(ApplicationMaterialEntity).find({ where: { applyNo }, order: { version: 'ASC', materialCode: 'ASC' } }),
      this.em.getRepository(CallbackInboxEntity).find({ where: { applyNo }, order: { takenAt: 'ASC' } }),
      this.em.getRepository(ResultFileEntity).find({ where: { applyNo } }),
    ]);
  }

  /** The window an application belongs to (that of the account that registered it); undefined when there is no such application. */
  async windowOf(applyNo: string): Promise<string | null | undefined> {
    const rows = (await this.em.query('SELECT s.window_no AS w FROM application a LEFT JOIN sec_account s ON s.username = a.created_by WHERE a.apply_no = ?', [
      applyNo,
    ])) as { w: string | null }[];
    return rows.length ? rows[0].w : undefined;
  }
}
