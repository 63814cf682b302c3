import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DeliveryAttempt, Notice, NotificationChannel, Recipient, StatusListener } from '../model/notice';
import { errorText } from './status-hub';

export interface EmailChannelConfig {
  host: string;
  port: number;
  /** envelope and header sender, e.g. `运维值班 <ops-alert@district.gov.cn>` or a bare address */
  from: string;
  /** connection, greeting and socket timeout, and the deadline of one send; default 10 s */
  timeoutMs?: number;
  /**
   * none: plain SMTP, accepted only for a loopback host (the development server);
   * starttls: upgrade required (port 587/25); implicit: TLS from the first byte (port 465).
   * Default: none on loopback, starttls elsewhere.
   */
  tls?: 'none' | 'starttls' | 'implicit';
  auth?: { user: string; pass: string };
  /** domain of generated Message-IDs; default the domain of `from` */
  messageIdDomain?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;
// refusals that prove the message was not accepted: nothing to fear from sending it again
const NOT_SENT_CODES = new Set(['ECONNECTION', 'ECONNREFUSED', 'EDNS', 'ETLS', 'EAUTH', 'EENVELOPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** E-mail over SMTP with nodemailer. One Message-ID per (alert, notice, recipient), so a resend is recognisable. */
export class EmailChannel implements NotificationChannel {
  readonly kind = 'email' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly timeoutMs: number;
  private readonly domain: string;

  constructor(private readonly config: EmailChannelConfig) {
    const tls = config.tls ?? (LOOPBACK.test(config.host) ? 'none' : 'starttls');
    if (tls === 'none' && !LOOPBACK.test(config.host)) throw new Error(`EmailChannel: plain SMTP is only allowed to a loopback host, not ${config.host}`);
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.domain = config.messageIdDomain ?? /@([^>\s]+)/.exec(config.from)?.[1] ?? 'notify.local';
    this.transport = createTransport({
      host: config.host,
      port: config.port,
      secure: tls === 'implicit',
      requireTLS: tls === 'starttls',
      ignoreTLS: tls === 'none',
      auth: config.auth,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
    });
  }

  async send(notice: Notice, recipient: Recipient): Promise<DeliveryAttempt> {
    const to = recipient.email;
    if (!to) return { channel: 'email', recipient: '', status: 'failed', error: `收件人 ${recipient.id} 没有电子邮箱`, at: new Date() };
    const messageId = `<${safe(notice.alertId)}.${notice.seq}.${safe(recipient.id)}@${this.domain}>`;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.timeoutMs * 3)));
    try {
      const result = await Promise.race([
        this.transport.sendMail({
          from: this.config.from,
          to: recipient.name ? { name: recipient.name, address: to } : to,
          subject: notice.subject,
          text: notice.body,
          messageId,
          headers: { 'X-Alert-Id': notice.alertId, 'X-Notice-Seq': String(notice.seq), 'X-Notice-Kind': notice.kind, 'X-Alert-Severity': notice.severity },
        }),
        deadline,
      ]);
      if (result === 'timeout') return { channel: 'email', recipient: to, status: 'unknown', providerId: messageId, error: 'SMTP 发送超时', at: new Date() };
      if (result.rejected.length > 0)
        return { channel: 'email', recipient: to, status: 'failed', providerId: messageId, error: `rejected: ${result.response}`, at: new Date() };
      return { channel: 'email', recipient: to, status: 'sent', providerId: result.messageId || messageId, at: new Date() };
    } catch (err) {
      return { channel: 'email', recipient: to, status: classify(err), providerId: messageId, error: errorText(err), at: new Date() };
    } finally {
      clearTimeout(timer);
    }
  }

  /** E-mail has no later outcome: accepted by the server is as far as SMTP tells. */
  onStatusUpdate(_listener: StatusListener): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}

/** An explicit SMTP refusal, or a failure before DATA, is 'failed'; a timeout or cut during DATA is 'unknown'. */
function classify(err: unknown): 'failed' | 'unknown' {
  const e = err as { code?: string; responseCode?: number; command?: string };
  if (typeof e.responseCode === 'number') return 'failed';
  if (e.code && NOT_SENT_CODES.has(e.code)) return 'failed';
  if (e.command === 'CONN' || e.command === 'EHLO' || e.command === 'HELO' || e.command === 'MAIL FROM' || e.command === 'RCPT TO') return 'failed';
  return 'unknown';
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}
