import { NotifyEnv, ReceivedMailView, SMSC_SP } from './notify-env';
import { OpsEnv } from './ops-env';

export const ON_CALL_A = { name: '张值班', role: 'A', email: 'zhang.oncall@slq.example.gov.cn', mobile: '13800000021', phone: '0375-0000121' };
export const ON_CALL_B = { name: '李值班', role: 'B', email: 'li.oncall@slq.example.gov.cn', mobile: '13800000022', phone: '0375-0000122' };

export interface ApiAttempt {
  id: number;
  alertId: string;
  noticeSeq: number;
  noticeKind: 'alert' | 'recovery';
  step: number;
  recipientId: string;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  attemptNo: number;
  status: 'sent' | 'delivered' | 'failed' | 'unknown';
  providerId: string | null;
  error: string | null;
  detail: string | null;
}

export interface ApiEscalation {
  alertId: string;
  policy: string;
  status: string;
  currentStep: number;
  acknowledgedBy: string | null;
  steps: { step: number; roles: string[]; channels: string[]; reached: boolean; deliveries: { recipientId: string; channel: string; state: string }[] }[];
  recovery: { seq: number; deliveries: { recipientId: string; channel: string; state: string }[] } | null;
  attempts: ApiAttempt[];
}

/**
 * The ops chain (city + ops node) wired to the three notification simulators (mail-sim, smsc-sim,
 * voice-sim): the node's channels point at the simulators' free ports, the on-call table is seeded
 * with A and B, and the step timer is short.
 */
export class OpsNotifyEnv {
  private constructor(
    readonly ops: OpsEnv,
    readonly sims: NotifyEnv,
  ) {}

  static async start(opsExtra: NodeJS.ProcessEnv = {}): Promise<OpsNotifyEnv> {
    const sims = await NotifyEnv.start();
    let ops: OpsEnv | undefined;
    try {
      ops = await OpsEnv.create();
      await ops.startCity();
      await ops.startOps({
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sims.ports.smtp),
        CMPP_HOST: '127.0.0.1',
        CMPP_PORT: String(sims.ports.cmpp),
        CMPP_SP_ID: SMSC_SP.spId,
        CMPP_SECRET: SMSC_SP.secret,
        CMPP_SRC_ID: SMSC_SP.srcId,
        VOICE_GATEWAY_URL: sims.urls.voice,
        ON_CALL_SEED: JSON.stringify([ON_CALL_A, ON_CALL_B]),
        ALERT_GROUP_WINDOW_SECONDS: '0',
        ALERT_NOTIFY_TICK_MS: '200',
        ESCALATION_TICK_MS: '100',
        ESCALATION_OUTBOX_POLL_MS: '200',
        ...opsExtra,
      });
    } catch (err) {
      await ops?.close();
      await sims.stop();
      throw err;
    }
    return new OpsNotifyEnv(ops, sims);
  }

  escalations(alertId: string): Promise<ApiEscalation[]> {
    return this.ops.json<ApiEscalation[]>(`${this.ops.opsUrl}/ops/api/notifications?alertId=${encodeURIComponent(alertId)}`);
  }

  attempts(alertId: string): Promise<ApiAttempt[]> {
    return this.ops.json<ApiAttempt[]>(`${this.ops.opsUrl}/ops/api/notifications/attempts?alertId=${encodeURIComponent(alertId)}`);
  }

  /** The mails of one alert (X-Alert-Id) that reached one address. */
  async mailsOf(alertId: string, to: string, kind?: 'alert' | 'recovery'): Promise<ReceivedMailView[]> {
    return (await this.sims.mails(to)).filter((m) => m.headers['x-alert-id'] === alertId && (!kind || m.headers['x-notice-kind'] === kind));
  }

  async close(): Promise<void> {
    await this.ops.close();
    await this.sims.stop();
  }
}
