import { CmppClient, CmppReport, SubmitOutcome } from '@app/cmpp';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';

/** The gateway's status for /health. */
export interface SmsGatewayStatus {
  enabled: boolean;
  /** host:port of the CMPP gateway, when enabled */
  target: string | null;
  connected: boolean;
}

/**
 * The CMPP 2.0 session of the platform to the carrier gateway (@app/cmpp), when the applicant SMS
 * is on. The first session is opened in the background and retried with backoff for as long as
 * the gateway is away (the client re-opens later sessions by itself), so the platform starts and
 * runs without it; `connected` tells the worker whether a submit can go out now.
 */
@Injectable()
export class ApplicantSmsGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('ApplicantSmsGateway');
  private readonly client?: CmppClient;
  private connectTimer?: NodeJS.Timeout;
  private connectDelayMs = 250;
  private started = false;
  private closed = false;

  constructor(@Inject(OneWindowConfig) private readonly config: OneWindowConfig) {
    if (!config.applicantSmsOn) return;
    const cmppLog = new Logger('CmppClient');
    this.client = new CmppClient({
      host: config.CMPP_HOST!,
      port: config.CMPP_PORT,
      spId: config.CMPP_SP_ID!,
      secret: config.CMPP_SECRET!,
      srcId: config.CMPP_SRC_ID!,
      serviceId: config.CMPP_SERVICE_ID,
      connectTimeoutMs: 5_000,
      reconnectBaseMs: 250,
      reconnectMaxMs: 10_000,
      logger: { log: (m) => cmppLog.log(m), warn: (m) => cmppLog.warn(m), error: (m) => cmppLog.error(m) },
    });
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  /** A session is up: a submit now goes out at once. */
  get connected(): boolean {
    return this.client?.stats.state === 'ready';
  }

  status(): SmsGatewayStatus {
    return { enabled: this.enabled, target: this.enabled ? `${this.config.CMPP_HOST}:${this.config.CMPP_PORT}` : null, connected: this.connected };
  }

  /** Opens the first session in the background (idempotent). */
  start(): void {
    if (!this.client || this.started) return;
    this.started = true;
    this.connect();
  }

  onReport(listener: (r: CmppReport) => void): void {
    this.client?.on('report', listener);
  }

  submit(key: string, phone: string, text: string): Promise<SubmitOutcome> {
    if (!this.client) return Promise.reject(new Error('applicant SMS is off'));
    return this.client.submit({ key, to: [phone], text, requestReport: true });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.connectTimer);
    await this.client?.close(2_000);
  }

  // the client reconnects by itself once it has had a session; the first one is ours to retry
  private connect(): void {
    const client = this.client;
    if (!client || this.closed) return;
    client.connect().then(
      () => this.logger.log({ msg: 'CMPP gateway connected (applicant SMS)', host: this.config.CMPP_HOST, port: this.config.CMPP_PORT }),
      (err: Error) => {
        if (this.closed) return;
        this.logger.warn({
          msg: 'CMPP gateway not reachable; applicant SMS wait, retrying',
          host: this.config.CMPP_HOST,
          port: this.config.CMPP_PORT,
          retryInMs: this.connectDelayMs,
          err: err.message,
        });
        this.connectTimer = setTimeout(() => this.connect(), this.connectDelayMs);
        this.connectTimer.unref();
        this.connectDelayMs = Math.min(10_000, this.connectDelayMs * 2);
      },
    );
  }
}
