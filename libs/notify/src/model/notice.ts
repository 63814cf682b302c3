/** The channels a notice can take, in the order an escalation usually climbs them. */
export const CHANNEL_KINDS = ['email', 'sms', 'voice'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Same values as the ops contract's AlertSeverity, kept here so the lib stands alone. */
export const NOTICE_SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'] as const;
export type NoticeSeverity = (typeof NOTICE_SEVERITIES)[number];

/** One message about one alert. An alert's notices are numbered: the firing notice, repeats, the recovery. */
export interface Notice {
  alertId: string;
  /** 1-based number of this notice within its alert; part of every idempotency key */
  seq: number;
  kind: 'alert' | 'recovery';
  severity: NoticeSeverity;
  /** e-mail subject, also the start of the SMS and the voice text */
  subject: string;
  /** full text (e-mail body) */
  body: string;
  /** short form for SMS and voice; defaults to subject + body */
  shortText?: string;
}

/** A person who can be notified. Channels use the address they need and fail cleanly without it. */
export interface Recipient {
  id: string;
  name: string;
  email?: string;
  /** mainland mobile number, digits only (e.g. 13800138000) */
  phone?: string;
}

/**
 * sent: handed over to the provider (SMTP 250, SUBMIT_RESP 0, call placed);
 * delivered: the far end confirmed (DELIVRD report, call answered);
 * failed: the provider refused or reported failure;
 * unknown: no answer in time — it may or may not have gone out (never counted as success).
 */
export type DeliveryStatus = 'sent' | 'delivered' | 'failed' | 'unknown';

export interface DeliveryAttempt {
  channel: ChannelKind;
  /** the address used: an e-mail address or a phone number */
  recipient: string;
  status: DeliveryStatus;
  /** provider's id: SMTP Message-ID, CMPP Msg_Id(s) joined by commas, voice call id */
  providerId?: string;
  error?: string;
  /** the provider's wording of a final status already known when send() returns (a status report that overtook the answer) */
  detail?: string;
  at: Date;
}

/** A later outcome of an attempt, reported by the provider (status report, call result). */
export interface DeliveryStatusUpdate {
  channel: ChannelKind;
  providerId: string;
  alertId: string;
  noticeSeq: number;
  recipient: string;
  status: Exclude<DeliveryStatus, 'sent'>;
  /** provider's wording: DELIVRD/UNDELIV/…, answered/no-answer/busy/failed */
  detail: string;
  at: Date;
}

export type StatusListener = (update: DeliveryStatusUpdate) => void;

/** Every channel behind one shape. `send` never throws: a failure is an attempt with status failed or unknown. */
export interface NotificationChannel {
  readonly kind: ChannelKind;
  send(notice: Notice, recipient: Recipient): Promise<DeliveryAttempt>;
  /** later outcomes of attempts this channel returned as 'sent'; returns an unsubscribe function */
  onStatusUpdate(listener: StatusListener): () => void;
  close(): Promise<void>;
}

/** The text of SMS and voice: the short form if given, else subject and body. */
export function shortTextOf(notice: Notice): string {
  return notice.shortText ?? `${notice.subject}：${notice.body}`;
}
