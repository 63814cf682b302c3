// The HTTP/JSON contract of the voice gateway (语音网关): the simulator in apps/voice-sim serves it
// and VoiceChannel calls it. A real gateway is reached through an adapter that speaks this shape.

export const VOICE_OUTCOMES = ['answered', 'no-answer', 'busy', 'failed'] as const;
/** answered: the callee picked up and the text was played; no-answer: rang out; busy: line busy; failed: the call could not be set up */
export type VoiceOutcome = (typeof VOICE_OUTCOMES)[number];

/** POST /voice/calls */
export interface VoiceCallRequest {
  /** number to call, digits (mobile or fixed line with area code) */
  callee: string;
  /** text read out by text-to-speech (TTS) */
  text: string;
  /** TTS voice name; the gateway's default when absent */
  ttsVoice?: string;
  /** where the gateway POSTs the VoiceCallResult when the call ends */
  callbackUrl?: string;
  /** caller's idempotency key: the same requestId returns the existing call instead of dialling again */
  requestId?: string;
}

export interface VoiceCallView {
  callId: string;
  requestId?: string;
  callee: string;
  text: string;
  ttsVoice: string;
  /** queued until the call plays out, then completed with an outcome */
  status: 'queued' | 'completed';
  outcome?: VoiceOutcome;
  createdAt: string;
  endedAt?: string;
  /** seconds of played text, answered calls only */
  durationSec?: number;
}

/** body of the callback POST */
export interface VoiceCallResult {
  callId: string;
  requestId?: string;
  callee: string;
  outcome: VoiceOutcome;
  endedAt: string;
}

export function isVoiceOutcome(v: unknown): v is VoiceOutcome {
  return typeof v === 'string' && (VOICE_OUTCOMES as readonly string[]).includes(v);
}
