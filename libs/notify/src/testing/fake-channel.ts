import { ChannelKind, DeliveryAttempt, DeliveryStatus, DeliveryStatusUpdate, Notice, NotificationChannel, Recipient, StatusListener } from '../model/notice';
import { addressFor } from '../escalation/roster';
import { StatusHub } from '../channels/status-hub';

export interface FakeSend {
  notice: Notice;
  recipient: Recipient;
  attempt: DeliveryAttempt;
}

/** A channel for tests of the engine: records what it was asked to send and answers from a script. */
export class FakeChannel implements NotificationChannel {
  readonly sends: FakeSend[] = [];
  private readonly script: DeliveryStatus[] = [];
  private readonly hub = new StatusHub();
  private n = 0;

  constructor(
    readonly kind: ChannelKind,
    private readonly now: () => Date,
  ) {}

  /** the next sends answer these statuses in order, then 'sent' */
  answer(...statuses: DeliveryStatus[]): this {
    this.script.push(...statuses);
    return this;
  }

  send(notice: Notice, recipient: Recipient): Promise<DeliveryAttempt> {
    const status = this.script.shift() ?? 'sent';
    const attempt: DeliveryAttempt = {
      channel: this.kind,
      recipient: addressFor(recipient, this.kind) ?? '',
      status,
      providerId: `${this.kind}-${++this.n}`,
      error: status === 'sent' ? undefined : `scripted ${status}`,
      at: this.now(),
    };
    this.sends.push({ notice, recipient, attempt });
    return Promise.resolve(attempt);
  }

  /** what a provider's later outcome looks like */
  report(send: FakeSend, status: DeliveryStatusUpdate['status'], detail: string): void {
    this.hub.emit({
      channel: this.kind,
      providerId: send.attempt.providerId!,
      alertId: send.notice.alertId,
      noticeSeq: send.notice.seq,
      recipient: send.attempt.recipient,
      status,
      detail,
      at: this.now(),
    });
  }

  onStatusUpdate(listener: StatusListener): () => void {
    return this.hub.subscribe(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
