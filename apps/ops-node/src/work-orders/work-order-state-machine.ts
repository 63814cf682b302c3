import { defineStateMachine, Refusal, ReturnCode } from '@app/common';
import { WorkOrderStatus } from '@app/ops-contract';

/**
 * The one state machine of a work order (工单), modelled on iTop's UserRequest: a table of the
 * state-machine kit of @app/common. Pure: no I/O. Every state change asks it, and the repository's
 * UPDATE re-checks the source states it names and the row's version (docs/work-order-states.md is
 * checked against it by work-order-state-machine.spec.ts).
 * new → assigned → in progress ↔ pending → resolved → closed, plus escalated; reopen after resolve.
 */
export enum WorkOrderState {
  NEW = 'NEW',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  PENDING = 'PENDING',
  ESCALATED = 'ESCALATED',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

export const WORK_ORDER_STATE_LABEL: Record<WorkOrderState, string> = {
  [WorkOrderState.NEW]: '新建',
  [WorkOrderState.ASSIGNED]: '已分派',
  [WorkOrderState.IN_PROGRESS]: '处理中',
  [WorkOrderState.PENDING]: '挂起等待',
  [WorkOrderState.ESCALATED]: '已升级',
  [WorkOrderState.RESOLVED]: '已解决',
  [WorkOrderState.CLOSED]: '已关闭',
};

export enum WorkOrderEvent {
  /** 新建: raised on this node through the API */
  CREATE = 'CREATE',
  /** 接收: sent down by the city (a repeat of the same order amends what the city owns, never the state) */
  RECEIVE = 'RECEIVE',
  /** 告警转工单: raised from an alert, linked both ways */
  FROM_ALERT = 'FROM_ALERT',
  /** 分解: a child order created by splitting its parent, assigned at once */
  SPLIT = 'SPLIT',
  ACCEPT = 'ACCEPT',
  ASSIGN = 'ASSIGN',
  START = 'START',
  PEND = 'PEND',
  RESUME = 'RESUME',
  ESCALATE = 'ESCALATE',
  RESOLVE = 'RESOLVE',
  REOPEN = 'REOPEN',
  CLOSE = 'CLOSE',
}

/** The operators' verbs of the REST API (WorkOrderActionDto.action); conclude/evaluate are the older names of resolve/close. */
export const WORK_ORDER_ACTIONS = [
  'accept',
  'assign',
  'start',
  'pend',
  'resume',
  'escalate',
  'resolve',
  'reopen',
  'close',
  'conclude',
  'evaluate',
  'feedback',
  'note',
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

/** Entries of the history that do not change the state (反馈, 记录). */
export type WorkOrderEntry = 'feedback' | 'note';

export const EVENT_OF_ACTION: Record<Exclude<WorkOrderAction, WorkOrderEntry>, WorkOrderEvent> = {
  accept: WorkOrderEvent.ACCEPT,
  assign: WorkOrderEvent.ASSIGN,
  start: WorkOrderEvent.START,
  pend: WorkOrderEvent.PEND,
  resume: WorkOrderEvent.RESUME,
  escalate: WorkOrderEvent.ESCALATE,
  resolve: WorkOrderEvent.RESOLVE,
  conclude: WorkOrderEvent.RESOLVE,
  reopen: WorkOrderEvent.REOPEN,
  close: WorkOrderEvent.CLOSE,
  evaluate: WorkOrderEvent.CLOSE,
};

/** What the guards of an event read: the operator's input of the action. */
export type WorkOrderInput = { assignee?: string; reason?: string; note?: string; feedback?: string; starRating?: number } | undefined;

const S = WorkOrderState;
const E = WorkOrderEvent;
const OPEN = [S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.PENDING, S.ESCALATED];

/** A guard: the action's input must carry one of `fields` (1002 naming the first otherwise). */
const needs =
  (...fields: ('assignee' | 'reason' | 'note' | 'feedback' | 'starRating')[]) =>
  (input: WorkOrderInput): Refusal | null =>
    fields.some((f) => input?.[f] !== undefined && input[f] !== '') ? null : { code: ReturnCode.MISSING_PARAMETER, detail: fields[0] };

/**
 * The machine. An event not allowed in the state is refused with 2003 `<state> → <event>`; then the
 * guards: an assignment needs its assignee, a pause and a reopen their reason, a resolution its
 * solution, closing its star rating (1002).
 */
export const workOrderMachine = defineStateMachine<WorkOrderState, WorkOrderEvent, WorkOrderInput>({
  name: 'work order',
  states: WORK_ORDER_STATE_LABEL,
  transitions: [
    { event: E.CREATE, from: [], to: S.NEW, label: '新建工单' },
    { event: E.RECEIVE, from: [], to: S.NEW, label: '接收市级工单' },
    { event: E.FROM_ALERT, from: [], to: S.NEW, label: '告警转工单' },
    { event: E.SPLIT, from: [], to: S.ASSIGNED, label: '分解（子工单）', guard: needs('assignee') },
    { event: E.ACCEPT, from: [S.NEW, S.ESCALATED], to: S.ASSIGNED, label: '受理' },
    { event: E.ASSIGN, from: [S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.PENDING, S.ESCALATED], to: S.ASSIGNED, label: '分派', guard: needs('assignee') },
    { event: E.START, from: [S.ASSIGNED, S.ESCALATED], to: S.IN_PROGRESS, label: '开始处理' },
    { event: E.PEND, from: [S.IN_PROGRESS], to: S.PENDING, label: '挂起等待', guard: needs('reason') },
    { event: E.RESUME, from: [S.PENDING], to: S.IN_PROGRESS, label: '恢复处理' },
    { event: E.ESCALATE, from: [S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.PENDING], to: S.ESCALATED, label: '升级', guard: needs('reason') },
    { event: E.RESOLVE, from: [S.IN_PROGRESS, S.ESCALATED], to: S.RESOLVED, label: '解决' },
    { event: E.REOPEN, from: [S.RESOLVED], to: S.IN_PROGRESS, label: '重新打开', guard: needs('reason') },
    { event: E.CLOSE, from: [S.RESOLVED], to: S.CLOSED, label: '关闭（评价）', guard: needs('starRating') },
  ],
  refusal: {
    code: ReturnCode.ILLEGAL_TRANSITION,
    detail: ({ from, event }) => `${from ?? '(none)'} → ${event}`,
  },
});

/** The states an order is open in (its clocks run, 反馈 and 记录 are taken). */
export const OPEN_STATES: readonly WorkOrderState[] = OPEN;

/**
 * Where a 反馈 or 记录 is taken: 反馈 (the handler's progress to the requester) while the order is open
 * but handed to somebody; 记录 (a free note) in every state but CLOSED. Null when allowed, the refusal
 * otherwise (2003 as for a transition).
 */
export function entryRefusal(state: WorkOrderState, entry: WorkOrderEntry, text: string | undefined): Refusal | null {
  const allowed = entry === 'feedback' ? [S.ASSIGNED, S.IN_PROGRESS, S.PENDING, S.ESCALATED] : [...OPEN, S.RESOLVED];
  if (!allowed.includes(state)) return { code: ReturnCode.ILLEGAL_TRANSITION, detail: `${state} → ${entry.toUpperCase()}` };
  if (!text?.trim()) return { code: ReturnCode.MISSING_PARAMETER, detail: entry === 'feedback' ? 'feedback' : 'note' };
  return null;
}

/**
 * The one mapping of the internal state to the six statuses of the WORK_ORDER report (the city's
 * contract does not change): 新建 → 待受理, 已分派 → 已受理, in progress / waiting / escalated →
 * 处理中, or 已反馈 once the handler gave feedback, 已解决 → 已办结, 已关闭 → 已评价.
 */
export function wireStatusOf(state: WorkOrderState, hasFeedback: boolean): WorkOrderStatus {
  switch (state) {
    case S.NEW:
      return WorkOrderStatus.PENDING;
    case S.ASSIGNED:
      return WorkOrderStatus.ACCEPTED;
    case S.IN_PROGRESS:
    case S.PENDING:
    case S.ESCALATED:
      return hasFeedback ? WorkOrderStatus.FEEDBACK : WorkOrderStatus.PROCESSING;
    case S.RESOLVED:
      return WorkOrderStatus.CONCLUDED;
    case S.CLOSED:
      return WorkOrderStatus.EVALUATED;
  }
}
