import { maskPhone } from '@app/common';
import { ApplicantSmsEntity } from './applicant-sms.entity';
import { ApplicantSmsDto } from './applicant-sms.responses';
import { SMS_EVENT_LABEL, SMS_STATE_LABEL, SmsState } from './applicant-sms.rules';

/** The SMS as the clerk sees them (pure): the phone always masked. */
export function smsView(rows: ApplicantSmsEntity[]): ApplicantSmsDto[] {
  return rows.map((r) => ({
    event: r.event,
    eventLabel: SMS_EVENT_LABEL[r.event],
    version: r.version,
    state: r.state,
    stateLabel: SMS_STATE_LABEL[r.state],
    phone: maskPhone(r.phone) ?? '',
    content: r.content,
    queuedAt: r.createdAt,
    submittedAt: r.submittedAt,
    deliveredAt: r.deliveredAt,
    failedAt: r.failedAt,
    stat: r.stat,
    attempts: r.attempts,
    note: r.state === SmsState.FAILED || r.state === SmsState.UNKNOWN ? r.error : null,
  }));
}

export interface SmsTimelineEntry {
  at: Date;
  version: number;
  step: string;
  label: string;
  operator: string;
  note?: string | null;
}

const OPERATOR = 'platform/applicant-sms';

/** The SMS steps of the application's timeline: SMS_SUBMITTED, SMS_DELIVERED, SMS_FAILED, SMS_UNKNOWN. */
export function smsTimeline(rows: ApplicantSmsEntity[]): SmsTimelineEntry[] {
  const out: SmsTimelineEntry[] = [];
  for (const r of rows) {
    const what = `${SMS_EVENT_LABEL[r.event]}，${maskPhone(r.phone) ?? ''}`;
    if (r.submittedAt) out.push({ at: r.submittedAt, version: r.version, step: 'SMS_SUBMITTED', label: '已发送短信通知', operator: OPERATOR, note: what });
    if (r.deliveredAt) out.push({ at: r.deliveredAt, version: r.version, step: 'SMS_DELIVERED', label: '短信已送达', operator: OPERATOR, note: what });
    if (r.state === SmsState.FAILED && r.failedAt)
      out.push({ at: r.failedAt, version: r.version, step: 'SMS_FAILED', label: '短信发送失败', operator: OPERATOR, note: `${what}：${r.error ?? ''}` });
    if (r.state === SmsState.UNKNOWN && r.unknownAt)
      out.push({ at: r.unknownAt, version: r.version, step: 'SMS_UNKNOWN', label: '状态未知', operator: OPERATOR, note: `${what}：${r.error ?? ''}` });
  }
  return out;
}
