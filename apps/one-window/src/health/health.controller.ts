import { Public, Role, Roles } from '@app/accounts';
import { HealthControllerBase, HealthFigures, pingDb } from '@app/common';
import { FrontDbRegistry } from '@app/front-db';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApplicantSmsGateway } from '../applicant-sms/applicant-sms.gateway';
import { CallbackScanJob } from '../callbacks/callback-scan.job';
import { UnitOfWork } from '../database/unit-of-work';
import { PlatformHealthDto } from './health.dto';
import { ApplicantSmsRepository } from '../applicant-sms/applicant-sms.repository';
import { DispatchOutboxRepository } from '../dispatch/dispatch-outbox.repository';

const Base = HealthControllerBase({
  open: Public(),
  guard: applyDecorators(Roles(Role.SYS_ADMIN, Role.APPROVER), ApiBearerAuth()),
  summary: '平台库与各部门前置库的连通性、出站队列与扫描统计（任一不可用时 503）',
  response: PlatformHealthDto,
});

@Controller()
export class HealthController extends Base {
  constructor(
    // only to ping the connection; the tables are read through the repositories
    ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly frontDbs: FrontDbRegistry,
    private readonly scan: CallbackScanJob,
    private readonly sms: ApplicantSmsGateway,
  ) {
    super(ds);
  }

  protected async figures(platformDb: string): Promise<HealthFigures> {
    const frontDbs = this.frontDbs.status();
    for (const f of this.frontDbs.all()) frontDbs[f.deptCode] = await pingDb(f.ds);
    const outbox = await this.uow.autocommit
      .get(DispatchOutboxRepository)
      .countByState()
      .catch((): Record<string, number> => ({}));
    const smsCounts = await this.uow.autocommit
      .get(ApplicantSmsRepository)
      .countByState()
      .catch((): Record<string, number> => ({}));
    const gw = this.sms.status();
    const applicantSms = {
      enabled: gw.enabled,
      gateway: gw.target,
      connected: gw.connected,
      queued: smsCounts.QUEUED ?? 0,
      sending: smsCounts.SENDING ?? 0,
      submitted: smsCounts.SUBMITTED ?? 0,
      unknown: smsCounts.UNKNOWN ?? 0,
      failed: smsCounts.FAILED ?? 0,
      delivered: smsCounts.DELIVERED ?? 0,
    };
    // the SMS gateway is not a dependency of the exchange: its absence does not make the platform degraded
    return { ok: Object.values(frontDbs).every((s) => s === 'up'), figures: { platformDb, frontDbs, outbox, scan: this.scan.totals, applicantSms } };
  }
}
