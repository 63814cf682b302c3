import { AttemptRecord, EscalationPolicy, EscalationState, VOICE_OUTCOMES } from '@app/notify';

export const ESCALATION_STATUSES_FOR_API = ['active', 'exhausted', 'acknowledged', 'resolved'] as const;
export const VOICE_OUTCOMES_FOR_API = [...VOICE_OUTCOMES];

const STATUS_LABELS: Record<EscalationState['status'], string> = {
  active: '升级中',
  exhausted: '已到最后一步，待确认',
  acknowledged: '已确认，停止升级',
  resolved: '已恢复',
};

function deliveries(state: EscalationState, noticeSeq: number, step?: number) {
  return state.tasks
    .filter((t) => t.noticeSeq === noticeSeq && (step === undefined || t.step === step))
    .map((t) => ({
      recipientId: t.recipient.id,
      recipientName: t.recipient.name,
      channel: t.channel,
      state: t.state,
      tries: t.attempts,
      nextTryAt: t.nextTryAt,
    }));
}

/** One escalation as the API shows it: where it stands, each step of its policy with its deliveries, the recovery, every attempt. */
export function presentEscalation(state: EscalationState, policy: EscalationPolicy | undefined, attempts: AttemptRecord[]) {
  const steps = policy?.steps ?? [];
  return {
    alertId: state.alertId,
    policy: state.policy,
    severity: state.severity,
    status: state.status,
    statusLabel: STATUS_LABELS[state.status],
    currentStep: state.step + 1,
    totalSteps: steps.length,
    responseTimeoutMs: policy?.responseTimeoutMs ?? null,
    stepStartedAt: state.stepStartedAt,
    nextStepAt: state.nextStepAt,
    acknowledgedBy: state.acknowledgedBy ?? null,
    acknowledgedAt: state.acknowledgedAt ?? null,
    resolvedAt: state.resolvedAt ?? null,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    notice: { seq: state.notice.seq, subject: state.notice.subject, shortText: state.notice.shortText ?? null },
    steps: steps.map((s, i) => ({
      step: i + 1,
      roles: s.notify,
      channels: s.channels,
      reached: i <= state.step,
      deliveries: deliveries(state, state.notice.seq, i),
    })),
    recovery: state.recoveryNotice
      ? { seq: state.recoveryNotice.seq, subject: state.recoveryNotice.subject, deliveries: deliveries(state, state.recoveryNotice.seq) }
      : null,
    attempts: attempts.map(presentAttempt),
  };
}

export function presentAttempt(a: AttemptRecord) {
  return {
    id: Number(a.id),
    alertId: a.alertId,
    noticeSeq: a.noticeSeq,
    noticeKind: a.noticeKind,
    step: a.step + 1,
    recipientId: a.recipientId,
    channel: a.channel,
    recipient: a.recipient,
    attemptNo: a.attemptNo,
    status: a.status,
    providerId: a.providerId ?? null,
    error: a.error ?? null,
    detail: a.detail ?? null,
    at: a.at,
    updatedAt: a.updatedAt,
  };
}
