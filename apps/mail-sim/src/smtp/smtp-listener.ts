import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AddressObject, HeaderValue, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { MailSimConfig } from '../config/mail-sim.config';
import { Mailbox } from './mailbox';

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, text: string): SmtpError {
  const err: SmtpError = new Error(text);
  err.responseCode = code;
  return err;
}

/** The development SMTP server: plain SMTP on loopback, no AUTH, every accepted message parsed into the mailbox. */
@Injectable()
export class SmtpListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SmtpListener');
  private server?: SMTPServer;

  constructor(
    private readonly mailbox: Mailbox,
    private readonly config: MailSimConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.server = new SMTPServer({
      name: 'mail-sim.local',
      banner: '开发用邮件服务器 (mail-sim)',
      secure: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: this.config.MAIL_SIM_MAX_BYTES,
      socketTimeout: 30_000,
      closeTimeout: 5_000,
      logger: false,
      onRcptTo: (address, _session, callback) =>
        callback(this.mailbox.isRejected(address.address) ? smtpError(550, `5.1.1 <${address.address}>: 用户不存在 (mail-sim fault)`) : null),
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    this.server.on('error', (err) => this.logger.warn({ msg: 'SMTP connection error', err: err.message }));
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(this.config.SMTP_PORT, this.config.HOST, () => resolve());
    });
    this.logger.log({ msg: 'SMTP listener up', host: this.config.HOST, port: this.config.SMTP_PORT });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void): void {
    simpleParser(stream)
      .then((parsed) => {
        if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 邮件过大'));
        if (this.mailbox.takeTempFail()) return callback(smtpError(451, '4.3.0 临时故障，请稍后重试 (mail-sim fault)'));
        const headers: Record<string, string> = {};
        for (const [name, value] of parsed.headers) headers[name] = headerText(value);
        const stored = this.mailbox.add({
          envelope: {
            from: session.envelope.mailFrom ? (session.envelope.mailFrom as SMTPServerAddress).address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          messageId: parsed.messageId,
          from: parsed.from?.value[0]?.address,
          to: [...addresses(parsed.to), ...addresses(parsed.cc)],
          subject: parsed.subject,
          text: parsed.text,
          html: typeof parsed.html === 'string' ? parsed.html : undefined,
          headers,
          sizeBytes: stream.byteLength,
          receivedAt: new Date().toISOString(),
        });
        this.logger.log({ msg: 'mail received', id: stored.id, to: stored.envelope.to, subject: stored.subject });
        callback(null, `已接收 id=${stored.id}`);
      })
      .catch((err: Error) => {
        this.mailbox.countParseError();
        callback(smtpError(554, `5.6.0 无法解析邮件: ${err.message}`));
      });
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((o) => o.value.map((v) => v.address ?? '').filter((a) => a !== ''));
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : v.value)).join(', ');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value && typeof value.value === 'string') return value.value;
  return JSON.stringify(value);
}
