// Public entry of @app/notify: notification channels (e-mail, SMS over CMPP, voice), the voice
// gateway contract, and the escalation engine with its persistence port.
export * from './model/notice';
export { EmailChannel } from './channels/email.channel';
export type { EmailChannelConfig } from './channels/email.channel';
export { SmsChannel } from './channels/sms.channel';
export type { SmsChannelConfig } from './channels/sms.channel';
export { VoiceChannel } from './channels/voice.channel';
export type { VoiceChannelConfig } from './channels/voice.channel';
export * from './channels/voice-gateway.contract';
export * from './escalation/policy';
export * from './escalation/roster';
export * from './escalation/escalation.types';
export * from './escalation/escalation-store';
export { EscalationEngine } from './escalation/escalation-engine';
export type { AlertToEscalate, EscalationEngineDeps, NotifyLogger, RecoveryText } from './escalation/escalation-engine';
export { EscalationRunner } from './escalation/escalation-runner';
export { ManualClock } from './testing/manual-clock';
export { FakeChannel } from './testing/fake-channel';
export type { FakeSend } from './testing/fake-channel';
