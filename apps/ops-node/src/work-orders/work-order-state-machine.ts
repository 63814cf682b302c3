import { defineStateMachine, Refusal, ReturnCode } from '@app/common';
import { WORK_ORDER_STATUS_LABELS, WorkOrderStatus } from '@app/ops-contract';

/**
 * The one state machine of a collaborative work order (协同工单), a table of the state-machine kit of
 * @app/common. Pure: no I/O. Every status change asks it, and the repository's UPDATE re-checks the
 * source statuses it names (docs/work-order-states.md is checked against it by
 * work-order-state-machine.spec.ts).
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

/** What the guards of an event read: the operator's input of the action. */
export type WorkOrderInput = { feedback?: string; starRating?: number } | undefined;

const S = WorkOrderStatus;
const E = WorkOrderEvent;
const ACTION_OF_EVENT = new Map(Object.entries(EVENT_OF_ACTION).map(([a, e]) => [e, a]));

/** A guard: the action's input must carry `field` (1002 otherwise). */
const needs =
  (field: 'feedback' | 'starRating') =>
  (input: WorkOrderInput): Refusal | null =>
    input?.[field] ? null : { code: ReturnCode.MISSING_PARAMETER, detail: field };

/**
 * The machine. A status the event is not allowed in is refused as the API did before the machine:
 * 2003 `<status> → <action>`; then the guards: feedback needs its text, evaluation its stars (1002).
 */
export const workOrderMachine = defineStateMachine<WorkOrderStatus, WorkOrderEvent, WorkOrderInput>({
  name: 'work order',
  states: WORK_ORDER_STATE_LABEL,
  transitions: [
    { event: E.CREATE, from: [], to: S.PENDING, label: '新建工单' },
    { event: E.RECEIVE, from: [], to: S.PENDING, label: '接收市级工单' },
    { event: E.ACCEPT, from: [S.PENDING], to: S.ACCEPTED, label: '受理' },
    { event: E.START, from: [S.ACCEPTED], to: S.PROCESSING, label: '开始处理' },
    { event: E.FEEDBACK, from: [S.ACCEPTED, S.PROCESSING, S.FEEDBACK], to: S.FEEDBACK, label: '反馈', guard: needs('feedback') },
    { event: E.CONCLUDE, from: [S.PROCESSING, S.FEEDBACK], to: S.CONCLUDED, label: '办结' },
    { event: E.EVALUATE, from: [S.CONCLUDED], to: S.EVALUATED, label: '评价', guard: needs('starRating') },
  ],
  refusal: {
    code: ReturnCode.ILLEGAL_TRANSITION,
    detail: ({ from, event }) => `${from ?? '(none)'} → ${ACTION_OF_EVENT.get(event) ?? event}`,
  },
});
