import { ChannelKind, DeliveryAttempt, DeliveryStatus, Notice, NoticeSeverity, Recipient } from '../model/notice';

/**
 * active: climbing the steps; exhausted: past the last step, nobody acknowledged (still waiting);
 * acknowledged: somebody took it, no more steps; resolved: the alert recovered, recovery notice sent.
 */
export type EscalationStatus = 'active' | 'exhausted' | 'acknowledged' | 'resolved';

/** pending: to be tried at nextTryAt; done: a try was accepted; gave-up: out of tries; cancelled: acknowledged or resolved first */
export type DeliveryTaskState = 'pending' | 'done' | 'gave-up' | 'cancelled';

/** One delivery the engine owes: one notice to one recipient over one channel, tried until accepted or out of tries. */
export interface DeliveryTask {
  /** `${noticeSeq}/${step}/${recipientId}/${channel}` */
  id: string;
  noticeSeq: number;
  /** step of the policy (0-based); recovery deliveries carry the step the escalation had reached */
  step: number;
  recipient: Recipient;
  channel: ChannelKind;
  attempts: number;
  state: DeliveryTaskState;
  nextTryAt: Date | null;
}

/** The whole state of one alert's escalation; the store keeps it as one record. */
export interface EscalationState {
  alertId: string;
  policy: string;
  severity: NoticeSeverity;
  status: EscalationStatus;
  notice: Notice;
  recoveryNotice?: Notice;
  /** current step, 0-based */
  step: number;
  stepStartedAt: Date;
  /** when the current step's response timer runs out; null once acknowledged, resolved or exhausted */
  nextStepAt: Date | null;
  /** everyone an alert notice was attempted to, by recipient id: they all get the recovery notice */
  notified: Record<string, Recipient>;
  tasks: DeliveryTask[];
  acknowledgedBy?: string;
  acknowledgedAt?: Date;
  resolvedAt?: Date;
  /** earliest of nextStepAt and the pending tasks' nextTryAt: what tick() looks for; null when nothing is due */
  dueAt: Date | null;
  /** optimistic concurrency: save() succeeds only on the version it read */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Every delivery attempt, as recorded (告警通知记录). */
export interface AttemptRecord extends DeliveryAttempt {
  id: string;
  alertId: string;
  noticeSeq: number;
  noticeKind: Notice['kind'];
  step: number;
  recipientId: string;
  /** 1-based try of its task */
  attemptNo: number;
  /** provider wording of the last status change (DELIVRD, UNDELIV, no-answer, …) */
  detail?: string;
  updatedAt: Date;
}

export type NewAttemptRecord = Omit<AttemptRecord, 'id'>;

/** What a provider's later outcome is matched on. */
export interface AttemptStatusChange {
  alertId: string;
  noticeSeq: number;
  channel: ChannelKind;
  /** the address (phone, e-mail) */
  recipient: string;
  providerId: string;
  status: Exclude<DeliveryStatus, 'sent'>;
  detail: string;
  at: Date;
}
