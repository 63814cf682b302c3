import { defineStateMachine, ReturnCode } from '@app/common';

/**
 * The one state machine of 出件 (handing the result over after 办结). Pure: no I/O. It starts when
 * the application is CONCLUDED, in a state given by the delivery method chosen at registration (a
 * table of the state-machine kit of @app/common; docs/delivery-states.md is checked against it by
 * delivery-state-machine.spec.ts).
 */
export enum DeliveryState {
  AWAITING_PICKUP = 'AWAITING_PICKUP', // 待领取
  HANDED_OVER = 'HANDED_OVER', // 已领取
  AWAITING_MAILING = 'AWAITING_MAILING', // 待寄出
  MAILED = 'MAILED', // 已寄出
  DELIVERED = 'DELIVERED', // 已签收
}

export const DELIVERY_STATE_LABEL: Record<DeliveryState, string> = {
  [DeliveryState.AWAITING_PICKUP]: '待领取',
  [DeliveryState.HANDED_OVER]: '已领取',
  [DeliveryState.AWAITING_MAILING]: '待寄出',
  [DeliveryState.MAILED]: '已寄出',
  [DeliveryState.DELIVERED]: '已签收',
};

export enum DeliveryEvent {
  /** 办结 of an application to be collected at the window */
  AWAIT_PICKUP = 'AWAIT_PICKUP',
  /** 办结 of an application to be sent by express */
  AWAIT_MAILING = 'AWAIT_MAILING',
  /** 窗口出件: the applicant or an agent collected the result, ID checked */
  HAND_OVER = 'HAND_OVER',
  /** 证照寄出: handed to the carrier with a waybill number */
  MAIL = 'MAIL',
  /** 快递签收 */
  DELIVER = 'DELIVER',
}

export type DeliveryMethod = 'PICKUP' | 'EXPRESS';

const S = DeliveryState;
const E = DeliveryEvent;
const PICKUP_STATES: readonly DeliveryState[] = [S.AWAITING_PICKUP, S.HANDED_OVER];

/** Why the event does not fit, in the clerk's words. */
function refusal(from: DeliveryState | null, event: DeliveryEvent, label: string): string {
  const wantsPickup = event === E.HAND_OVER;
  if (from === null) return `申报件尚未办结，不能${label}`;
  if (event === E.HAND_OVER || event === E.MAIL || event === E.DELIVER) {
    const isPickup = PICKUP_STATES.includes(from);
    if (wantsPickup && !isPickup) return '领取方式为证照快递，不能窗口出件；请登记快递寄出';
    if (!wantsPickup && isPickup) return '领取方式为现场领取，不能登记快递；请在窗口出件';
  }
  if (from === S.HANDED_OVER) return '办理结果已领取，不能重复出件';
  if (event === E.MAIL) return `办理结果${DELIVERY_STATE_LABEL[from]}，不能重复登记寄出`;
  if (event === E.DELIVER && from === S.AWAITING_MAILING) return '办理结果尚未寄出，不能登记签收';
  if (from === S.DELIVERED) return '快递已签收，不能重复登记';
  return `出件状态为 ${DELIVERY_STATE_LABEL[from]}，不能${label}`;
}

/** The machine; a refusal is 2006 with the reason, `details.deliveryState` the state it was asked in. */
export const deliveryMachine = defineStateMachine<DeliveryState, DeliveryEvent>({
  name: 'delivery',
  states: DELIVERY_STATE_LABEL,
  transitions: [
    { event: E.AWAIT_PICKUP, from: [], to: S.AWAITING_PICKUP, label: '办结待领取' },
    { event: E.AWAIT_MAILING, from: [], to: S.AWAITING_MAILING, label: '办结待寄出' },
    { event: E.HAND_OVER, from: [S.AWAITING_PICKUP], to: S.HANDED_OVER, label: '窗口出件' },
    { event: E.MAIL, from: [S.AWAITING_MAILING], to: S.MAILED, label: '证照寄出' },
    { event: E.DELIVER, from: [S.MAILED], to: S.DELIVERED, label: '快递签收' },
  ],
  refusal: {
    code: ReturnCode.CONFLICT,
    detail: ({ from, event, label }) => refusal(from, event, label),
    fields: ({ from }) => ({ deliveryState: from }),
  },
});

/** The state a concluded application's delivery starts in; null while the application is not concluded. */
export function initialDeliveryState(applicationState: string, method: DeliveryMethod): DeliveryState | null {
  if (applicationState !== 'CONCLUDED') return null;
  return deliveryMachine.targetOf(method === 'PICKUP' ? E.AWAIT_PICKUP : E.AWAIT_MAILING);
}
