import { defineStateMachine, ReturnCode } from '@app/common';
import { AlertStatus } from '@app/ops-contract';

/**
 * The one state machine of an alert (告警, ops_alert.status), a table of the state-machine kit of
 * @app/common. Pure: no I/O. The alert engine asks it for every change and AlertRepository updates
 * a row only from the statuses it names (docs/alert-states.md is checked against it by
 * alert-state-machine.spec.ts). Recovery is independent of the operators: an alert closed before it recovered stays CLOSED and only gets its
 * recovery time. The series behind an alert (pending, firing, inactive) is rule-engine.ts's business.
 */
export const ALERT_STATE_LABEL: Record<AlertStatus, string> = {
  [AlertStatus.FIRING]: '告警中',
  [AlertStatus.ACKNOWLEDGED]: '已确认',
  [AlertStatus.RESOLVED]: '已恢复',
  [AlertStatus.CLOSED]: '已关闭',
};

export enum AlertEvent {
  /** 告警产生: the rule held for its duration (one open alert per series) */
  RAISE = 'RAISE',
  /** 确认: an operator takes it on; escalation stops */
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  /** 关闭: an operator ends it */
  CLOSE = 'CLOSE',
  /** 恢复: the value came back (or the rule stopped applying) */
  RECOVER = 'RECOVER',
  /** 关闭后恢复: the value came back after an operator closed the alert */
  RECOVER_CLOSED = 'RECOVER_CLOSED',
}

const S = AlertStatus;
const E = AlertEvent;

/**
 * The machine; its context is the alert's id (named in a refusal). What an operator hears when the
 * event is refused: 2006, the words the API answered before the machine.
 */
export const alertMachine = defineStateMachine<AlertStatus, AlertEvent, string>({
  name: 'alert',
  states: ALERT_STATE_LABEL,
  transitions: [
    { event: E.RAISE, from: [], to: S.FIRING, label: '告警产生' },
    { event: E.ACKNOWLEDGE, from: [S.FIRING], to: S.ACKNOWLEDGED, label: '确认', refused: '只有告警中的告警可以确认' },
    { event: E.CLOSE, from: [S.ACKNOWLEDGED, S.RESOLVED], to: S.CLOSED, label: '关闭', refused: '只能关闭已确认或已恢复的告警' },
    { event: E.RECOVER, from: [S.FIRING, S.ACKNOWLEDGED], to: S.RESOLVED, label: '恢复' },
    { event: E.RECOVER_CLOSED, from: [S.CLOSED], to: S.CLOSED, label: '关闭后恢复' },
  ],
  refusal: {
    code: ReturnCode.CONFLICT,
    detail: ({ from, words, context: alertId }) => `告警 ${alertId} 当前状态为 ${from ?? '(none)'}，${words}`,
  },
});

/** Which recovery event applies to an alert in `status` (a closed alert recovers without reopening). */
export function recoveryEventOf(status: AlertStatus): AlertEvent.RECOVER | AlertEvent.RECOVER_CLOSED {
  return status === S.CLOSED ? E.RECOVER_CLOSED : E.RECOVER;
}
