import { AppError, ReturnCode } from '@app/common';
import { ShadowRow } from '@app/front-db';
import { ShadowEvent, Stage, STAGE_LABEL } from '@app/exchange-contract';
import { Injectable } from '@nestjs/common';
import { ApplicationVersionEntity } from '../applications/application-version.entity';
import { ApplicationEntity } from '../applications/application.entity';
import { ApplicantSmsEntity } from '../applicant-sms/applicant-sms.entity';
import { smsTimeline } from '../applicant-sms/applicant-sms.view';
import { deliveryTimeline } from '../delivery/delivery-view';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { FrontDbRegistry } from '@app/front-db';

export interface TimelineEntry {
  at: Date;
  version: number;
  step: string;
  label: string;
  operator: string;
  party: string;
  outcome?: string | null;
  note?: string | null;
  correlationId?: string;
}

const byTime = (a: TimelineEntry, b: TimelineEntry): number => a.at.getTime() - b.at.getTime();

function shadowLabel(s: ShadowRow): string {
  const stage = STAGE_LABEL[s.stage];
  if (s.stage === Stage.ACCEPTANCE) return s.event === ShadowEvent.WRITTEN ? '受理数据写入部门前置库' : '部门取用受理数据';
  return s.event === ShadowEvent.WRITTEN ? `部门写入${stage}信息` : `平台取用${stage}信息`;
}

/** 数据追踪: the application's history, built from the platform's own records and the front DB's shadow rows. */
@Injectable()
export class TimelineService {
  constructor(private readonly frontDbs: FrontDbRegistry) {}

  /** Platform-side steps always; the shadow rows only while the department's front DB answers. */
  async build(
    app: ApplicationEntity,
    versions: ApplicationVersionEntity[],
    delivery: DeliveryEntity | null = null,
    sms: ApplicantSmsEntity[] = [],
  ): Promise<{ entries: TimelineEntry[]; frontDbAvailable: boolean }> {
    const entries: TimelineEntry[] = [];
    for (const v of versions) {
      entries.push({
        at: v.createdAt,
        version: v.version,
        step: v.version === 1 ? 'REGISTERED' : 'RESUBMISSION_OPENED',
        label: v.version === 1 ? '受理登记' : '补正补齐后重新登记',
        operator: v.createdBy,
        party: 'PLATFORM',
      });
      if (v.submittedAt)
        entries.push({ at: v.submittedAt, version: v.version, step: 'SUBMITTED', label: '提交分发', operator: v.submittedBy ?? '', party: 'PLATFORM' });
    }
    if (app.expiredAt)
      entries.push({
        at: app.expiredAt,
        version: app.currentVersion,
        step: 'EXPIRED',
        label: '草稿超期未提交，已过期',
        operator: 'platform/draft-expiry',
        party: 'PLATFORM',
        note: app.expireReason,
      });
    // 出件 after 办结: HANDED_OVER, MAILED, DELIVERED (delivery/delivery-view.ts)
    for (const d of deliveryTimeline(delivery)) entries.push({ ...d, version: app.currentVersion, party: 'PLATFORM' });
    // SMS to the applicant: SMS_SUBMITTED, SMS_DELIVERED, SMS_FAILED, SMS_UNKNOWN (applicant-sms/applicant-sms.view.ts)
    for (const s of smsTimeline(sms)) entries.push({ ...s, party: 'PLATFORM' });
    let shadows: ShadowRow[];
    try {
      shadows = await this.frontDbs.get(app.deptCode).listShadow(app.applyNo);
    } catch (err) {
      if (!(err instanceof AppError && err.code === ReturnCode.FRONT_DB_UNAVAILABLE)) throw err;
      return { entries: entries.sort(byTime), frontDbAvailable: false };
    }
    for (const s of shadows) {
      entries.push({
        at: s.fetchedAt,
        version: s.version,
        step: `${s.stage}_${s.event}`,
        label: shadowLabel(s),
        operator: s.operator,
        party: s.party,
        outcome: s.outcome,
        note: s.note,
        correlationId: s.correlationId,
      });
    }
    return { entries: entries.sort(byTime), frontDbAvailable: true };
  }
}
