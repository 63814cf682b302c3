import { AttemptRecord, ChannelKind, DeliveryStatus, NotifyLogger } from '@app/notify';
import { Logger } from '@nestjs/common';
import { LogLevel, SystemLogEntry, SystemLogRepository } from '../system-log';
import { CHANNEL_LABELS } from '../config/notification-config';

export const STATUS_LABELS: Record<DeliveryStatus, string> = { sent: '已发送', delivered: '已送达', failed: '失败', unknown: '结果未知' };

const LEVEL_OF: Record<DeliveryStatus, LogLevel> = { sent: 'INFO', delivered: 'INFO', failed: 'WARN', unknown: 'WARN' };

function noticeLabel(a: AttemptRecord): string {
  return a.noticeKind === 'recovery' ? '恢复通知' : `告警通知（第 ${a.step + 1} 步）`;
}

/** The system-log line of one delivery attempt. */
export function attemptLogEntry(a: AttemptRecord): SystemLogEntry {
  return {
    level: LEVEL_OF[a.status],
    category: 'NOTIFY',
    event: 'NOTIFY_ATTEMPT',
    alertId: a.alertId,
    actor: a.recipientId,
    message: `${noticeLabel(a)}经${CHANNEL_LABELS[a.channel]}发给 ${a.recipientId}（${a.recipient || '无地址'}）第 ${a.attemptNo} 次：${STATUS_LABELS[a.status]}${a.error ? `，${a.error}` : ''}`,
    detail: {
      attemptId: a.id,
      channel: a.channel,
      recipient: a.recipient,
      status: a.status,
      providerId: a.providerId ?? null,
      noticeSeq: a.noticeSeq,
      step: a.step + 1,
      attemptNo: a.attemptNo,
      error: a.error ?? null,
    },
  };
}

/** The system-log line of a later outcome (status report, call result). */
export function statusLogEntry(a: AttemptRecord): SystemLogEntry {
  return {
    level: LEVEL_OF[a.status],
    category: 'NOTIFY',
    event: 'NOTIFY_STATUS',
    alertId: a.alertId,
    actor: a.recipientId,
    message: `${noticeLabel(a)}经${CHANNEL_LABELS[a.channel]}发给 ${a.recipientId}（${a.recipient}）的结果：${STATUS_LABELS[a.status]}（${a.detail ?? ''}）`,
    detail: { attemptId: a.id, channel: a.channel, recipient: a.recipient, status: a.status, providerId: a.providerId ?? null, detail: a.detail ?? null },
  };
}

interface EngineMessage {
  msg?: string;
  alertId?: string;
  [k: string]: unknown;
}

const channelsText = (v: unknown): string => (Array.isArray(v) ? v.map((c) => CHANNEL_LABELS[c as ChannelKind] ?? String(c)).join('、') : '');
const listText = (v: unknown): string => (Array.isArray(v) ? v.map(String).join('、') : '');

/** Turns the engine's escalation events into system-log lines; messages it does not list stay in the process log only. */
export function engineLogEntry(m: EngineMessage): SystemLogEntry | undefined {
  const alertId = typeof m.alertId === 'string' ? m.alertId : undefined;
  if (!alertId) return undefined;
  const base = { category: 'NOTIFY' as const, alertId, detail: { ...m } };
  switch (typeof m.msg === 'string' ? m.msg : '') {
    case 'escalation started':
      return { ...base, level: 'INFO', event: 'NOTIFY_STARTED', message: `告警 ${alertId} 开始通知升级（策略 ${String(m.policy)}）` };
    case 'escalation step':
      return {
        ...base,
        level: 'WARN',
        event: 'NOTIFY_STEP',
        message: `告警 ${alertId} 通知升级第 ${String(m.step)}/${String(m.of)} 步：通知 ${listText(m.roles)} 角（${listText(m.recipients) || '无人值班'}），方式 ${channelsText(m.channels)}`,
      };
    case 'every delivery of the step failed: escalating now':
      return { ...base, level: 'ERROR', event: 'NOTIFY_STEP_FAILED', message: `告警 ${alertId} 第 ${Number(m.step) + 1} 步的通知全部失败，立即升级到下一步` };
    case 'escalation exhausted':
    case 'escalation exhausted: nobody acknowledged after the last step':
      return { ...base, level: 'ERROR', event: 'NOTIFY_EXHAUSTED', message: `告警 ${alertId} 已通知到最后一步（共 ${String(m.steps)} 步）仍无人确认` };
    case 'nobody on call for this step':
      return { ...base, level: 'ERROR', event: 'NOTIFY_NOBODY', message: `告警 ${alertId} 第 ${Number(m.step) + 1} 步没有 ${listText(m.roles)} 角值班人员` };
    case 'delivery given up':
      return {
        ...base,
        level: 'ERROR',
        event: 'NOTIFY_GAVE_UP',
        message: `告警 ${alertId} 经${channelsText([m.channel])}发给 ${String(m.recipient)} 的通知重试 ${String(m.attempts)} 次仍失败，放弃`,
      };
    case 'escalation acknowledged':
      return {
        ...base,
        level: 'INFO',
        event: 'NOTIFY_STOPPED',
        actor: typeof m.by === 'string' ? m.by : null,
        message: `告警 ${alertId} 已由 ${String(m.by)} 确认，停止通知升级（停在第 ${Number(m.step) + 1} 步）`,
      };
    case 'escalation resolved':
      return {
        ...base,
        level: 'INFO',
        event: 'NOTIFY_RECOVERY',
        message: `告警 ${alertId} 已恢复，停止通知升级，向 ${listText(m.recoveryTo) || '（无人）'} 发送恢复通知`,
      };
    default:
      return undefined;
  }
}

/** The engine's logger: everything to the process log, escalation events also to the system log (best effort, never blocking the engine). */
export class NotifySystemLogger implements NotifyLogger {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly systemLog: SystemLogRepository,
    private readonly now: () => Date,
  ) {}

  log(message: object): void {
    this.logger.log(message);
    this.toSystemLog(message);
  }

  warn(message: object): void {
    this.logger.warn(message);
    this.toSystemLog(message);
  }

  error(message: object): void {
    this.logger.error(message);
    this.toSystemLog(message);
  }

  private toSystemLog(message: object): void {
    const entry = engineLogEntry(message as EngineMessage);
    if (!entry) return;
    this.systemLog
      .write([entry], this.now())
      .catch((err: Error) => this.logger.error({ msg: 'could not write the system log', event: entry.event, err: err.message }));
  }
}
