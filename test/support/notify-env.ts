import { CmppClient } from '@app/cmpp';
import { EmailChannel, SmsChannel, VoiceChannel } from '@app/notify';
import { freePort, SIM_CONTROL_TOKEN } from './env';
import { RunningApp, startApp } from './processes';

export const SMSC_SP = { spId: '901234', secret: 'notify-e2e-secret', srcId: '106900001234' };

export interface Inbox<T> {
  count: number;
  messages: T[];
}

export interface SmsInboxMessage {
  to: string;
  text: string;
  segments: { msgId: string; seq: number }[];
}

export interface ReceivedMailView {
  id: number;
  envelope: { from: string; to: string[] };
  messageId?: string;
  subject?: string;
  text?: string;
  headers: Record<string, string>;
}

export interface VoiceCallRow {
  callId: string;
  requestId?: string;
  callee: string;
  text: string;
  status: string;
  outcome?: string;
}

/**
 * The three far ends of the notification channels as real compiled processes on free loopback
 * ports: the development SMTP server (mail-sim), the voice gateway simulator and the CMPP SMSC
 * simulator, with small JSON helpers and channel factories pointed at them.
 */
export class NotifyEnv {
  private readonly clients: CmppClient[] = [];

  private constructor(
    readonly mail: RunningApp,
    readonly voice: RunningApp,
    readonly smsc: RunningApp,
    readonly urls: { mail: string; voice: string; smsc: string },
    readonly ports: { smtp: number; cmpp: number },
  ) {}

  static async start(): Promise<NotifyEnv> {
    const [mailHttp, smtp, voiceHttp, smscHttp, cmpp] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const urls = { mail: `http://127.0.0.1:${mailHttp}`, voice: `http://127.0.0.1:${voiceHttp}`, smsc: `http://127.0.0.1:${smscHttp}` };
    const started: RunningApp[] = [];
    try {
      started.push(await startApp('mail-sim', { SIM_CONTROL_TOKEN, PORT: String(mailHttp), SMTP_PORT: String(smtp) }, `${urls.mail}/sim/stats`));
      started.push(await startApp('voice-sim', { SIM_CONTROL_TOKEN, PORT: String(voiceHttp), VOICE_CALL_DELAY_MS: '150' }, `${urls.voice}/sim/stats`));
      started.push(
        await startApp(
          'smsc-sim',
          {
            SIM_CONTROL_TOKEN,
            PORT: String(smscHttp),
            CMPP_PORT: String(cmpp),
            SMSC_ACCOUNTS: `${SMSC_SP.spId}:${SMSC_SP.secret}`,
            SMSC_REPORT_DELAY_MS: '30',
          },
          `${urls.smsc}/sim/stats`,
        ),
      );
    } catch (err) {
      await Promise.all(started.map((a) => a.stop()));
      throw err;
    }
    return new NotifyEnv(started[0], started[1], started[2], urls, { smtp, cmpp });
  }

  async api<T>(base: keyof NotifyEnv['urls'], method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.urls[base]}${path}`, {
      method,
      headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async mails(to: string): Promise<ReceivedMailView[]> {
    return (await this.api<{ mails: ReceivedMailView[] }>('mail', 'GET', `/sim/mails?to=${encodeURIComponent(to)}`)).body.mails;
  }

  async sms(to?: string): Promise<SmsInboxMessage[]> {
    return (await this.api<Inbox<SmsInboxMessage>>('smsc', 'GET', `/sim/inbox${to ? `?to=${to}` : ''}`)).body.messages;
  }

  async calls(callee?: string): Promise<VoiceCallRow[]> {
    return (await this.api<{ calls: VoiceCallRow[] }>('voice', 'GET', `/sim/calls${callee ? `?callee=${callee}` : ''}`)).body.calls;
  }

  email(timeoutMs = 5_000): EmailChannel {
    return new EmailChannel({ host: '127.0.0.1', port: this.ports.smtp, from: '运维告警 <ops-alert@district.example.cn>', timeoutMs });
  }

  /** a connected CMPP client (closed by stop()) */
  async cmppClient(): Promise<CmppClient> {
    const client = new CmppClient({
      host: '127.0.0.1',
      port: this.ports.cmpp,
      spId: SMSC_SP.spId,
      secret: SMSC_SP.secret,
      srcId: SMSC_SP.srcId,
      serviceId: 'OPSALERT',
      reconnectBaseMs: 50,
      reconnectMaxMs: 500,
      responseTimeoutMs: 2_000,
    });
    this.clients.push(client);
    await client.connect();
    return client;
  }

  async smsChannel(): Promise<{ channel: SmsChannel; client: CmppClient }> {
    const client = await this.cmppClient();
    return { channel: new SmsChannel({ client, sendTimeoutMs: 20_000 }), client };
  }

  voiceChannel(extra: { callbackUrl?: string } = {}): VoiceChannel {
    return new VoiceChannel({ baseUrl: this.urls.voice, pollIntervalMs: 50, outcomeTimeoutMs: 20_000, timeoutMs: 3_000, ...extra });
  }

  async resetAll(): Promise<void> {
    await this.api('mail', 'DELETE', '/sim/mails');
    await this.api('mail', 'POST', '/sim/faults/reset');
    await this.api('voice', 'POST', '/sim/reset');
    await this.api('voice', 'POST', '/sim/faults/reset');
    await this.api('smsc', 'POST', '/sim/reset');
    await this.api('smsc', 'POST', '/sim/faults/reset');
  }

  async closeClients(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.close(1_000)));
  }

  async stop(): Promise<void> {
    await this.closeClients();
    await Promise.all([this.mail.stop(), this.voice.stop(), this.smsc.stop()]);
  }
}
