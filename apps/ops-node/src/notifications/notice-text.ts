import { AlertSeverity } from '@app/ops-contract';
import { AlertToEscalate, RecoveryText } from '@app/notify';
import { SEVERITY_LABELS } from '../alerting';

/** What the notice texts are built from: the alert as the alerting module stores it. */
export interface AlertFacts {
  alertId: string;
  ruleName: string | null;
  resourceId: string;
  subResourceId: string;
  metric: string;
  severity: AlertSeverity;
  value: number | null;
  threshold: number;
  message: string;
  raisedAt: Date;
  resolvedAt: Date | null;
}

const fmt = (d: Date | null): string => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19) : '—');
const where = (a: AlertFacts): string => (a.subResourceId ? `${a.resourceId} ${a.subResourceId}` : a.resourceId);
/** short reference that tells two alerts apart on a handset without the whole UUID */
export const shortRef = (alertId: string): string => alertId.replace(/^ALM-/, '').slice(0, 8);

/** The firing notice: full text for e-mail, a short one for SMS and voice (kept within one 70-character SMS where possible). */
export function alertNoticeText(a: AlertFacts, consoleUrl: string): AlertToEscalate {
  const level = SEVERITY_LABELS[a.severity];
  const name = a.ruleName ?? a.metric;
  return {
    alertId: a.alertId,
    severity: a.severity,
    subject: `【运维告警·${level}】${name}：${where(a)}`,
    body: [
      `告警编号：${a.alertId}`,
      `告警级别：${level}`,
      `告警规则：${name}`,
      `资源：${where(a)}`,
      `指标：${a.metric} 当前值 ${a.value ?? '—'}，阈值 ${a.threshold}`,
      `告警时间：${fmt(a.raisedAt)}（北京时间）`,
      `说明：${a.message}`,
      '',
      `请值班人员及时处置，并在运维节点确认告警（${consoleUrl}）；确认后停止升级通知。`,
    ].join('\n'),
    shortText: `【运维告警·${level}】${where(a)} ${name}，${a.metric}=${a.value ?? '—'}，请及时处置并确认。编号${shortRef(a.alertId)}`,
  };
}

export function recoveryNoticeText(a: AlertFacts): RecoveryText {
  const name = a.ruleName ?? a.metric;
  return {
    subject: `【运维告警恢复】${name}：${where(a)}`,
    body: [
      `告警编号：${a.alertId}`,
      `告警规则：${name}`,
      `资源：${where(a)}`,
      `告警时间：${fmt(a.raisedAt)}`,
      `恢复时间：${fmt(a.resolvedAt)}（北京时间）`,
      '',
      '告警已恢复，无需继续处置。',
    ].join('\n'),
    shortText: `【运维告警恢复】${where(a)} ${name} 已恢复正常。编号${shortRef(a.alertId)}`,
  };
}
