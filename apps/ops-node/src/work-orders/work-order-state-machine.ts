import { AppError, ReturnCode } from '@app/common';
import { WORK_ORDER_STATUS_LABELS, WorkOrderStatus } from '@app/ops-contract';

/**
 * The one state machine of a collaborative work order (协同工单). Pure: no I/O. Every status change
 * asks it, and the repository's UPDATE re-checks the source statuses it names
 * (docs/work-order-states.md is checked against it by work-order-state-machine.spec.ts).
 * 受理 → 处理 → 反馈 → 办结 → 评价; feedback may be given again while processing.
 */
export const WORK_ORDER_STATE_LABEL: Record<WorkOrderStatus, string> = WORK_ORDER_STATUS_LABELS;

export enum WorkOrderEvent {
  /** 新建: raised on this node through the API */
  CREATE = 'CREATE',
  /** 接收: sent down by the city (a repeat of the same order amends what the city owns, never the status) */
  RECEIVE = 'RECEIVE',
  ACCEPT = 'ACCEPT',
  START = 'START',
  FEEDBACK = 'FEEDBACK',
  CONCLUDE = 'CONCLUDE',
  EVALUATE = 'EVALUATE',
}

/** The operators' verbs of the REST API (WorkOrderActionDto.action). */
export type WorkOrderAction = 'accept' | 'start' | 'feedback' | 'conclude' | 'evaluate';

export const EVENT_OF_ACTION: Record<WorkOrderAction, WorkOrderEvent> = {
  accept: WorkOrderEvent.ACCEPT,
  start: WorkOrderEvent.START,
  feedback: WorkOrderEvent.FEEDBACK,
  conclude: WorkOrderEvent.CONCLUDE,
  evaluate: WorkOrderEvent.EVALUATE,
};

export interface WorkOrderTransition {
  event: WorkOrderEvent;
  /** the statuses the event is allowed in (empty: the event creates the order) */
  from: readonly WorkOrderStatus[];
  to: WorkOrderStatus;
  label: string;
}

const S = WorkOrderStatus;
const E = WorkOrderEvent;

export const WORK_ORDER_TRANSITIONS: readonly WorkOrderTransition[] = [
  { event: E.CREATE, from: [], to: S.PENDING, label: '新建工单' },
  { event: E.RECEIVE, from: [], to: S.PENDING, label: '接收市级工单' },
  { event: E.ACCEPT, from: [S.PENDING], to: S.ACCEPTED, label: '受理' },
  { event: E.START, from: [S.ACCEPTED], to: S.PROCESSING, label: '开始处理' },
  { event: E.FEEDBACK, from: [S.ACCEPTED, S.PROCESSING, S.FEEDBACK], to: S.FEEDBACK, label: '反馈' },
  { event: E.CONCLUDE, from: [S.PROCESSING, S.FEEDBACK], to: S.CONCLUDED, label: '办结' },
  { event: E.EVALUATE, from: [S.CONCLUDED], to: S.EVALUATED, label: '评价' },
];

const BY_EVENT = new Map(WORK_ORDER_TRANSITIONS.map((t) => [t.event, t]));
const ACTION_OF_EVENT = new Map(Object.entries(EVENT_OF_ACTION).map(([a, e]) => [e, a]));

export function workOrderTransitionOf(event: WorkOrderEvent): WorkOrderTransition {
  const t = BY_EVENT.get(event);
  if (!t) throw new Error(`unknown work order event ${event}`);
  return t;
}

/** The statuses in which the event is allowed (the repository's UPDATE … WHERE status IN these). */
export function workOrderSourcesOf(event: WorkOrderEvent): readonly WorkOrderStatus[] {
  return workOrderTransitionOf(event).from;
}

export function canMoveWorkOrder(from: WorkOrderStatus | null, event: WorkOrderEvent): boolean {
  const t = workOrderTransitionOf(event);
  return from === null ? t.from.length === 0 : t.from.includes(from);
}

/** The status after the event, or the refusal the API gave before the machine: 2003 `<status> → <action>`. */
export function nextWorkOrderStatus(from: WorkOrderStatus | null, event: WorkOrderEvent): WorkOrderStatus {
  if (canMoveWorkOrder(from, event)) return workOrderTransitionOf(event).to;
  throw new AppError(ReturnCode.ILLEGAL_TRANSITION, `${from ?? '(none)'} → ${ACTION_OF_EVENT.get(event) ?? event}`);
}

/** What an event needs besides an allowed status: feedback needs its text, evaluation its stars (1002 otherwise). */
export function assertWorkOrderGuards(event: WorkOrderEvent, input: { feedback?: string; starRating?: number }): void {
  if (event === E.FEEDBACK && !input.feedback) throw new AppError(ReturnCode.MISSING_PARAMETER, 'feedback');
  if (event === E.EVALUATE && !input.starRating) throw new AppError(ReturnCode.MISSING_PARAMETER, 'starRating');
}
