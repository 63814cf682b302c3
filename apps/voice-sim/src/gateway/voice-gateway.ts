import { VoiceCallRequest, VoiceCallResult, VoiceCallView, VoiceOutcome } from '@app/notify';
import { randomUUID } from 'node:crypto';
import { NO_FAULTS, VoiceFaults } from './voice-faults';

export interface VoiceGatewayOptions {
  callDelayMs: number;
  maxCalls: number;
  /** hosts a callbackUrl may point to */
  callbackHosts: string[];
  callbackTimeoutMs: number;
  logger: { log(m: object): void; warn(m: object): void };
}

export class VoiceGatewayDownError extends Error {
  constructor() {
    super('语音网关不可用 (simulated outage)');
  }
}

export class CallbackNotAllowedError extends Error {}

const CALLBACK_ATTEMPTS = 3;
// TTS reads Chinese at roughly four characters a second
const CHARS_PER_SECOND = 4;

/**
 * The simulated voice gateway: a call request is queued, "rings" for callDelayMs, then ends with an
 * outcome decided by the faults in force. The outcome is POSTed to the callbackUrl (three tries) and
 * can be polled. A repeated requestId returns the existing call instead of dialling again.
 */
export class VoiceGateway {
  private readonly calls = new Map<string, VoiceCallView>();
  private readonly byRequestId = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private counters = { requests: 0, placed: 0, deduplicated: 0, refusedDown: 0, callbacksSent: 0, callbacksFailed: 0 };
  faults: VoiceFaults = { ...NO_FAULTS, noAnswer: [], busy: [] };

  constructor(private readonly o: VoiceGatewayOptions) {}

  place(req: VoiceCallRequest): { call: VoiceCallView; created: boolean } {
    this.counters.requests++;
    this.ensureUp();
    if (req.callbackUrl) this.checkCallback(req.callbackUrl);
    const existingId = req.requestId ? this.byRequestId.get(req.requestId) : undefined;
    const existing = existingId ? this.calls.get(existingId) : undefined;
    if (existing) {
      this.counters.deduplicated++;
      return { call: existing, created: false };
    }
    const call: VoiceCallView = {
      callId: randomUUID(),
      requestId: req.requestId,
      callee: req.callee,
      text: req.text,
      ttsVoice: req.ttsVoice ?? 'xiaoyan',
      status: 'queued',
      createdAt: new Date().toISOString(),
    };
    this.calls.set(call.callId, call);
    if (req.requestId) this.byRequestId.set(req.requestId, call.callId);
    this.counters.placed++;
    this.evict();
    const outcome = this.decide(req.callee);
    this.later(this.faults.callDelayMs ?? this.o.callDelayMs, () => this.finish(call, outcome, req.callbackUrl));
    this.o.logger.log({ msg: 'call placed', callId: call.callId, callee: call.callee, outcome });
    return { call, created: true };
  }

  get(callId: string): VoiceCallView | undefined {
    this.ensureUp();
    return this.calls.get(callId);
  }

  list(callee?: string): VoiceCallView[] {
    const all = [...this.calls.values()];
    return callee ? all.filter((c) => c.callee === callee) : all;
  }

  setFaults(patch: Partial<VoiceFaults>): VoiceFaults {
    this.faults = { ...this.faults, ...patch };
    return this.faults;
  }

  resetFaults(): VoiceFaults {
    this.faults = { ...NO_FAULTS, noAnswer: [], busy: [] };
    return this.faults;
  }

  reset(): void {
    this.calls.clear();
    this.byRequestId.clear();
    this.counters = { requests: 0, placed: 0, deduplicated: 0, refusedDown: 0, callbacksSent: 0, callbacksFailed: 0 };
  }

  stats() {
    const byOutcome: Record<string, number> = {};
    let queued = 0;
    for (const c of this.calls.values()) {
      if (c.outcome) byOutcome[c.outcome] = (byOutcome[c.outcome] ?? 0) + 1;
      else queued++;
    }
    return { ...this.counters, queued, byOutcome };
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private ensureUp(): void {
    if (this.faults.down) {
      this.counters.refusedDown++;
      throw new VoiceGatewayDownError();
    }
  }

  private checkCallback(url: string): void {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      throw new CallbackNotAllowedError('callbackUrl is not a URL');
    }
    // a simulator that POSTs wherever it is told would be an open relay for requests
    if (!this.o.callbackHosts.includes(host)) throw new CallbackNotAllowedError(`callbackUrl host ${host} is not allowed (VOICE_CALLBACK_HOSTS)`);
  }

  private decide(callee: string): VoiceOutcome {
    if (this.faults.busy.includes(callee)) return 'busy';
    if (this.faults.noAnswer.includes(callee)) return 'no-answer';
    if (this.faults.failureRate > 0 && Math.random() < this.faults.failureRate) return 'failed';
    return 'answered';
  }

  private finish(call: VoiceCallView, outcome: VoiceOutcome, callbackUrl: string | undefined): void {
    call.status = 'completed';
    call.outcome = outcome;
    call.endedAt = new Date().toISOString();
    if (outcome === 'answered') call.durationSec = Math.max(1, Math.ceil(Array.from(call.text).length / CHARS_PER_SECOND));
    this.o.logger.log({ msg: 'call ended', callId: call.callId, callee: call.callee, outcome });
    if (callbackUrl)
      void this.callback(callbackUrl, { callId: call.callId, requestId: call.requestId, callee: call.callee, outcome, endedAt: call.endedAt }, 1);
  }

  private async callback(url: string, result: VoiceCallResult, attempt: number): Promise<void> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(result),
        signal: AbortSignal.timeout(this.o.callbackTimeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.counters.callbacksSent++;
    } catch (err) {
      if (attempt < CALLBACK_ATTEMPTS) {
        this.later(500 * 2 ** (attempt - 1), () => void this.callback(url, result, attempt + 1));
        return;
      }
      this.counters.callbacksFailed++;
      this.o.logger.warn({ msg: 'callback failed', callId: result.callId, url, err: (err as Error).message });
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private evict(): void {
    while (this.calls.size > this.o.maxCalls) {
      const oldest = this.calls.values().next().value as VoiceCallView;
      this.calls.delete(oldest.callId);
      if (oldest.requestId) this.byRequestId.delete(oldest.requestId);
    }
  }
}
