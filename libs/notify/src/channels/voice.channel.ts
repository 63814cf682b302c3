import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeliveryAttempt, Notice, NotificationChannel, Recipient, shortTextOf, StatusListener } from '../model/notice';
import { errorText, StatusHub } from './status-hub';
import { isVoiceOutcome, VoiceCallRequest, VoiceCallResult, VoiceCallView, VoiceOutcome } from './voice-gateway.contract';

export interface VoiceChannelConfig {
  /** base URL of the voice gateway, e.g. http://127.0.0.1:7620 */
  baseUrl: string;
  /** deadline of one HTTP request to the gateway; default 5 s */
  timeoutMs?: number;
  /** how often a placed call is polled for its outcome; default 1 s */
  pollIntervalMs?: number;
  /** after this long without an outcome the attempt is reported 'unknown'; default 5 min */
  outcomeTimeoutMs?: number;
  /** given to the gateway so it POSTs the outcome here; the receiving controller calls handleResult(). Polling still runs as the fallback. */
  callbackUrl?: string;
  ttsVoice?: string;
  /** longest text read out; default 300 characters */
  maxChars?: number;
}

interface PlacedCall {
  callId: string;
  alertId: string;
  noticeSeq: number;
  callee: string;
  deadline: number;
  timer?: NodeJS.Timeout;
}

/** A text-to-speech call through the voice gateway; the outcome arrives by callback or polling, whichever first. */
export class VoiceChannel implements NotificationChannel {
  readonly kind = 'voice' as const;
  private readonly hub = new StatusHub();
  private readonly placed = new Map<string, PlacedCall>();
  private readonly timeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly outcomeTimeoutMs: number;
  private readonly baseUrl: string;
  private closed = false;
  /**
   * Each call's callback URL carries an HMAC-SM3 of its requestId under this per-process key, so
   * only the gateway the call was given to can report its outcome. After a restart the old
   * callbacks fail and polling (which asks the gateway itself) settles those calls.
   */
  private readonly callbackKey = randomBytes(32);

  constructor(private readonly config: VoiceChannelConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? 5_000;
    this.pollIntervalMs = config.pollIntervalMs ?? 1_000;
    this.outcomeTimeoutMs = config.outcomeTimeoutMs ?? 300_000;
  }

  async send(notice: Notice, recipient: Recipient): Promise<DeliveryAttempt> {
    const callee = recipient.phone;
    if (!callee) return { channel: 'voice', recipient: '', status: 'failed', error: `收件人 ${recipient.id} 没有电话号码`, at: new Date() };
    const text = Array.from(shortTextOf(notice))
      .slice(0, this.config.maxChars ?? 300)
      .join('');
    const body: VoiceCallRequest = {
      callee,
      text,
      ttsVoice: this.config.ttsVoice,
      callbackUrl: undefined,
      requestId: `${notice.alertId}:${notice.seq}:${callee}`,
    };
    if (this.config.callbackUrl)
      body.callbackUrl = `${this.config.callbackUrl}${this.config.callbackUrl.includes('?') ? '&' : '?'}sig=${this.callbackSignature(body.requestId ?? '')}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/voice/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // a request that timed out may have reached the gateway; one that could not connect did not
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return {
        channel: 'voice',
        recipient: callee,
        status: timedOut ? 'unknown' : 'failed',
        error: timedOut ? '语音网关请求超时' : errorText(err),
        at: new Date(),
      };
    }
    const payload = (await res.json().catch(() => null)) as Partial<VoiceCallView> | null;
    if (!res.ok || typeof payload?.callId !== 'string') {
      return {
        channel: 'voice',
        recipient: callee,
        status: 'failed',
        error: `语音网关拒绝呼叫: HTTP ${res.status} ${JSON.stringify(payload)?.slice(0, 200)}`,
        at: new Date(),
      };
    }
    if (payload.status === 'completed' && isVoiceOutcome(payload.outcome)) {
      // an earlier request with the same requestId already played out
      const delivered = payload.outcome === 'answered';
      return {
        channel: 'voice',
        recipient: callee,
        status: delivered ? 'delivered' : 'failed',
        providerId: payload.callId,
        error: delivered ? undefined : payload.outcome,
        at: new Date(),
      };
    }
    this.track({ callId: payload.callId, alertId: notice.alertId, noticeSeq: notice.seq, callee, deadline: Date.now() + this.outcomeTimeoutMs });
    return { channel: 'voice', recipient: callee, status: 'sent', providerId: payload.callId, at: new Date() };
  }

  /** For the controller that receives the gateway's callback POST. Unknown or already settled calls are ignored. */
  handleResult(result: VoiceCallResult, signature?: string): boolean {
    if (!isVoiceOutcome(result.outcome)) return false;
    if (!this.verifyCallback(result.requestId ?? '', signature)) return false;
    return this.settle(result.callId, result.outcome);
  }

  callbackSignature(requestId: string): string {
    return createHmac('sm3', this.callbackKey).update(requestId).digest('base64url');
  }

  private verifyCallback(requestId: string, signature: string | undefined): boolean {
    if (!signature) return false;
    const want = Buffer.from(this.callbackSignature(requestId));
    const got = Buffer.from(signature);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  onStatusUpdate(listener: StatusListener): () => void {
    return this.hub.subscribe(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    for (const call of this.placed.values()) clearTimeout(call.timer);
    this.placed.clear();
    return Promise.resolve();
  }

  private track(call: PlacedCall): void {
    if (this.placed.has(call.callId)) return;
    this.placed.set(call.callId, call);
    this.schedulePoll(call);
  }

  private schedulePoll(call: PlacedCall): void {
    if (this.closed) return;
    call.timer = setTimeout(() => void this.poll(call), this.pollIntervalMs);
    call.timer.unref();
  }

  private async poll(call: PlacedCall): Promise<void> {
    if (!this.placed.has(call.callId)) return;
    try {
      const res = await fetch(`${this.baseUrl}/voice/calls/${encodeURIComponent(call.callId)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (res.ok) {
        const view = (await res.json()) as Partial<VoiceCallView>;
        if (view.status === 'completed' && isVoiceOutcome(view.outcome) && this.settle(call.callId, view.outcome)) return;
      }
    } catch {
      // the gateway is unreachable for now: keep polling until the deadline
    }
    if (!this.placed.has(call.callId)) return;
    if (Date.now() >= call.deadline) {
      this.placed.delete(call.callId);
      this.hub.emit({
        channel: 'voice',
        providerId: call.callId,
        alertId: call.alertId,
        noticeSeq: call.noticeSeq,
        recipient: call.callee,
        status: 'unknown',
        detail: '未在时限内得到呼叫结果',
        at: new Date(),
      });
      return;
    }
    this.schedulePoll(call);
  }

  private settle(callId: string, outcome: VoiceOutcome): boolean {
    const call = this.placed.get(callId);
    if (!call) return false;
    clearTimeout(call.timer);
    this.placed.delete(callId);
    this.hub.emit({
      channel: 'voice',
      providerId: callId,
      alertId: call.alertId,
      noticeSeq: call.noticeSeq,
      recipient: call.callee,
      status: outcome === 'answered' ? 'delivered' : 'failed',
      detail: outcome,
      at: new Date(),
    });
    return true;
  }
}
