import { CmppClient, CmppClosedError, CmppReport, CmppSubmitTimeoutError } from '@app/cmpp';
import { DeliveryAttempt, Notice, NotificationChannel, Recipient, shortTextOf, StatusListener } from '../model/notice';
import { errorText, StatusHub } from './status-hub';

export interface SmsChannelConfig {
  /** a CmppClient the caller constructed and connected; the channel never closes it */
  client: CmppClient;
  /** how long send() waits for the SUBMIT_RESPs before answering 'unknown' (the message stays queued); default 30 s */
  sendTimeoutMs?: number;
  /** longest text sent; longer notices are cut with an ellipsis (10 segments of 67 = 670); default 670 */
  maxChars?: number;
  /** per-recipient delivery states remembered for status reports; default 20 000 */
  trackLimit?: number;
}

interface Tracked {
  alertId: string;
  noticeSeq: number;
  phone: string;
  total?: number;
  msgIds: string[];
  delivered: Set<number>;
  final?: { status: 'delivered' | 'failed'; detail: string; at: Date };
}

/**
 * SMS through CMPP. The caller key `${alertId}:${noticeSeq}:${phone}` makes every retry of the same
 * notice to the same phone the same message for the client: in flight it joins the running submit,
 * after success it is replayed without sending. Status reports (one per segment) are folded into one
 * per-recipient outcome: delivered when every segment is DELIVRD, failed at the first other Stat.
 */
export class SmsChannel implements NotificationChannel {
  readonly kind = 'sms' as const;
  private readonly hub = new StatusHub();
  private readonly tracked = new Map<string, Tracked>();
  private readonly keyOfMsgId = new Map<string, string>();
  private readonly sendTimeoutMs: number;
  private readonly maxChars: number;
  private readonly trackLimit: number;
  private readonly detach: () => void;
  private readonly client: CmppClient;

  constructor(config: SmsChannelConfig) {
    this.sendTimeoutMs = config.sendTimeoutMs ?? 30_000;
    this.maxChars = config.maxChars ?? 670;
    this.trackLimit = config.trackLimit ?? 20_000;
    const client = config.client;
    this.client = client;
    const onSubmitted = (e: { key: string; msgId: string; seq: number; total: number }) => this.segmentSubmitted(e.key, e.msgId, e.seq, e.total);
    const onReport = (r: CmppReport) => this.report(r);
    client.on('submitted', onSubmitted);
    client.on('report', onReport);
    this.detach = () => {
      client.off('submitted', onSubmitted);
      client.off('report', onReport);
    };
  }

  static keyOf(notice: Notice, phone: string): string {
    return `${notice.alertId}:${notice.seq}:${phone}`;
  }

  async send(notice: Notice, recipient: Recipient): Promise<DeliveryAttempt> {
    const phone = recipient.phone;
    if (!phone) return { channel: 'sms', recipient: '', status: 'failed', error: `收件人 ${recipient.id} 没有手机号码`, at: new Date() };
    const key = SmsChannel.keyOf(notice, phone);
    if (!this.tracked.has(key)) this.remember(key, { alertId: notice.alertId, noticeSeq: notice.seq, phone, msgIds: [], delivered: new Set() });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.sendTimeoutMs)));
    try {
      const outcome = await Promise.race([this.client.submit({ key, to: [phone], text: this.textOf(notice), requestReport: true }), deadline]);
      if (outcome === 'timeout') return { channel: 'sms', recipient: phone, status: 'unknown', error: '短信网关未在时限内应答 (仍在队列中)', at: new Date() };
      const providerId = outcome.segments.map((s) => s.msgId).join(',');
      // the status report can arrive in the same TCP read as the SUBMIT_RESP and be handled before this
      // continuation: its update then found no attempt to apply to, so the attempt carries it itself
      const final = this.tracked.get(key)?.final;
      return {
        channel: 'sms',
        recipient: phone,
        status: final?.status ?? 'sent',
        providerId,
        error: final?.status === 'failed' ? final.detail : undefined,
        detail: final?.detail,
        at: new Date(),
      };
    } catch (err) {
      const unknown = err instanceof CmppSubmitTimeoutError || err instanceof CmppClosedError;
      // a refusal (CmppSubmitRejectedError, bad number, key conflict) is final; a timeout or a cut link is not
      return { channel: 'sms', recipient: phone, status: unknown ? 'unknown' : 'failed', error: errorText(err), at: new Date() };
    } finally {
      clearTimeout(timer);
    }
  }

  onStatusUpdate(listener: StatusListener): () => void {
    return this.hub.subscribe(listener);
  }

  close(): Promise<void> {
    this.detach();
    return Promise.resolve();
  }

  private textOf(notice: Notice): string {
    const text = shortTextOf(notice);
    const chars = Array.from(text);
    return chars.length <= this.maxChars ? text : `${chars.slice(0, this.maxChars - 1).join('')}…`;
  }

  private remember(key: string, t: Tracked): void {
    this.tracked.set(key, t);
    while (this.tracked.size > this.trackLimit) {
      const [oldKey, old] = this.tracked.entries().next().value as [string, Tracked];
      for (const id of old.msgIds) this.keyOfMsgId.delete(id);
      this.tracked.delete(oldKey);
    }
  }

  private segmentSubmitted(key: string, msgId: string, seq: number, total: number): void {
    const t = this.tracked.get(key);
    if (!t) return; // another user of the same client
    t.total = total;
    t.msgIds[seq - 1] = msgId;
    this.keyOfMsgId.set(msgId, key);
  }

  private report(r: CmppReport): void {
    const key = r.key ?? this.keyOfMsgId.get(r.msgId);
    const t = key === undefined ? undefined : this.tracked.get(key);
    if (!t || t.final || r.to !== t.phone) return;
    const seq = r.seq ?? t.msgIds.indexOf(r.msgId) + 1;
    if (r.stat !== 'DELIVRD') this.finish(t, 'failed', r.stat);
    else {
      t.delivered.add(seq);
      if (t.total !== undefined && t.delivered.size >= t.total) this.finish(t, 'delivered', r.stat);
    }
  }

  private finish(t: Tracked, status: 'delivered' | 'failed', detail: string): void {
    t.final = { status, detail, at: new Date() };
    this.hub.emit({
      channel: 'sms',
      providerId: t.msgIds.join(','),
      alertId: t.alertId,
      noticeSeq: t.noticeSeq,
      recipient: t.phone,
      status,
      detail,
      at: t.final.at,
    });
  }
}
