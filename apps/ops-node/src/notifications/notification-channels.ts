import { CmppClient, CmppClientStats } from '@app/cmpp';
import { CHANNEL_KINDS, ChannelKind, EmailChannel, NotificationChannel, SmsChannel, VoiceChannel } from '@app/notify';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { channelDisabledReason } from '../config/notification-config';

export const VOICE_CALLBACK_PATH = '/ops/api/notifications/voice-callback';

export interface ChannelStatus {
  kind: ChannelKind;
  enabled: boolean;
  /** why it is off */
  disabledReason: string | null;
  target: string | null;
  cmpp?: CmppClientStats;
}

/**
 * The three notification channels, built once from configuration (a channel whose settings are
 * empty is left out). The CMPP session is opened in the background and re-opened for as long as
 * the gateway is away, so the node starts and runs without it; SMS sent meanwhile wait in the
 * client's queue and their attempts count as unknown until the gateway answers.
 */
@Injectable()
export class NotificationChannels implements OnApplicationBootstrap {
  private readonly logger = new Logger('NotificationChannels');
  readonly email?: EmailChannel;
  readonly sms?: SmsChannel;
  readonly voice?: VoiceChannel;
  private readonly cmpp?: CmppClient;
  private connectTimer?: NodeJS.Timeout;
  private connectDelayMs = 500;
  private closed = false;

  constructor(private readonly config: OpsNodeConfig) {
    if (channelDisabledReason(config, 'email') === null) {
      this.email = new EmailChannel({
        host: config.SMTP_HOST,
        port: config.SMTP_PORT,
        from: config.SMTP_FROM,
        timeoutMs: config.SMTP_TIMEOUT_MS,
        tls: config.SMTP_TLS,
        auth: config.SMTP_USER !== undefined && config.SMTP_PASSWORD !== undefined ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      });
    }
    if (channelDisabledReason(config, 'sms') === null) {
      const cmppLog = new Logger('CmppClient');
      this.cmpp = new CmppClient({
        host: config.CMPP_HOST,
        port: config.CMPP_PORT,
        spId: config.CMPP_SP_ID,
        secret: config.CMPP_SECRET,
        srcId: config.CMPP_SRC_ID,
        serviceId: config.CMPP_SERVICE_ID,
        connectTimeoutMs: 5_000,
        logger: { log: (m) => cmppLog.log(m), warn: (m) => cmppLog.warn(m), error: (m) => cmppLog.error(m) },
      });
      this.sms = new SmsChannel({ client: this.cmpp, sendTimeoutMs: config.SMS_SEND_TIMEOUT_MS });
    }
    if (channelDisabledReason(config, 'voice') === null) {
      const callbackUrl = config.VOICE_CALLBACK_URL ?? `${config.PUBLIC_URL.replace(/\/+$/, '')}${VOICE_CALLBACK_PATH}`;
      this.voice = new VoiceChannel({
        baseUrl: config.VOICE_GATEWAY_URL,
        timeoutMs: config.VOICE_TIMEOUT_MS,
        outcomeTimeoutMs: config.VOICE_OUTCOME_TIMEOUT_MS,
        callbackUrl: callbackUrl.trim() || undefined,
      });
    }
  }

  onApplicationBootstrap(): void {
    if (this.cmpp) this.connectCmpp();
  }

  /** The channels for the engine: only those that are configured. */
  all(): Partial<Record<ChannelKind, NotificationChannel>> {
    return { ...(this.email && { email: this.email }), ...(this.sms && { sms: this.sms }), ...(this.voice && { voice: this.voice }) };
  }

  status(): ChannelStatus[] {
    return CHANNEL_KINDS.map((kind) => {
      const reason = channelDisabledReason(this.config, kind);
      const target =
        kind === 'email'
          ? `${this.config.SMTP_HOST}:${this.config.SMTP_PORT}`
          : kind === 'sms'
            ? `${this.config.CMPP_HOST}:${this.config.CMPP_PORT}`
            : this.config.VOICE_GATEWAY_URL;
      return {
        kind,
        enabled: reason === null,
        disabledReason: reason,
        target: reason === null ? target : null,
        ...(kind === 'sms' && this.cmpp ? { cmpp: this.cmpp.stats } : {}),
      };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.connectTimer);
    await Promise.all([this.email?.close(), this.sms?.close(), this.voice?.close()]);
    await this.cmpp?.close(2_000);
  }

  // the client reconnects by itself once it has had a session; the first one is ours to retry
  private connectCmpp(): void {
    const client = this.cmpp;
    if (!client || this.closed) return;
    client.connect().then(
      () => this.logger.log({ msg: 'CMPP gateway connected', host: this.config.CMPP_HOST, port: this.config.CMPP_PORT }),
      (err: Error) => {
        if (this.closed) return;
        this.logger.warn({
          msg: 'CMPP gateway not reachable; SMS wait in the queue, retrying',
          host: this.config.CMPP_HOST,
          port: this.config.CMPP_PORT,
          retryInMs: this.connectDelayMs,
          err: err.message,
        });
        this.connectTimer = setTimeout(() => this.connectCmpp(), this.connectDelayMs);
        this.connectTimer.unref();
        this.connectDelayMs = Math.min(30_000, this.connectDelayMs * 2);
      },
    );
  }
}
