import { AppError, defineStateMachine, ReturnCode } from '@app/common';

/**
 * The one state machine of an application (申报). Pure: no I/O. Every state change in
 * one-window asks it, so the allowed transitions live in one table (the state-machine kit of
 * @app/common; docs/application-states.md is checked against it by application-state-machine.spec.ts).
 */
export enum ApplicationState {
  DRAFT = 'DRAFT', // 受理登记中
  SUBMITTED = 'SUBMITTED', // 待分发
  DISPATCHED = 'DISPATCHED', // 已分发至部门
  SUPPLEMENT_REQUIRED = 'SUPPLEMENT_REQUIRED', // 待补正补齐
  ACCEPTED = 'ACCEPTED', // 部门已受理
  CONCLUDED = 'CONCLUDED', // 已办结
  EXPIRED = 'EXPIRED', // 草稿超期未提交，已作废 (DRAFT only; see DraftExpiryJob)
}

export const STATE_LABEL: Record<ApplicationState, string> = {
  [ApplicationState.DRAFT]: '受理登记中',
  [ApplicationState.SUBMITTED]: '待分发',
  [ApplicationState.DISPATCHED]: '已分发',
  [ApplicationState.SUPPLEMENT_REQUIRED]: '待补正补齐',
  [ApplicationState.ACCEPTED]: '已受理',
  [ApplicationState.CONCLUDED]: '已办结',
  [ApplicationState.EXPIRED]: '已过期',
};

export enum ApplicationEvent {
  /** 受理登记: the application is created as a draft (no state before) */
  REGISTER = 'REGISTER',
  /** 提交: the draft version goes into the dispatch outbox */
  SUBMIT = 'SUBMIT',
  /** 数据分发: the department has the version (notified, or taken by its scan) */
  DISPATCH = 'DISPATCH',
  /** 补正补齐 callback */
  REQUIRE_SUPPLEMENT = 'REQUIRE_SUPPLEMENT',
  /** 受理 callback */
  ACCEPT = 'ACCEPT',
  /** 办结 callback */
  CONCLUDE = 'CONCLUDE',
  /** 补正后重新提交: opens version n+1 as a draft */
  RESUBMIT = 'RESUBMIT',
  /** 草稿超期作废 (DraftExpiryJob) */
  EXPIRE = 'EXPIRE',
}

const S = ApplicationState;
const E = ApplicationEvent;

/**
 * SUBMITTED and DISPATCHED are alike for the callbacks: until the dispatch bookkeeping commits
 * the department may already hold the version (dispatch-batch.use-case.ts). A refusal is 2006
 * CONFLICT in the words the use-cases answered before the machine existed. Only SUBMIT and RESUBMIT
 * are refused to a caller (callbacks are judged by callback-rules.ts; dispatch and expiry only touch
 * rows still in a source state).
 */
export const applicationMachine = defineStateMachine<ApplicationState, ApplicationEvent>({
  name: 'application',
  states: STATE_LABEL,
  transitions: [
    { event: E.REGISTER, from: [], to: S.DRAFT, label: '受理登记' },
    { event: E.SUBMIT, from: [S.DRAFT], to: S.SUBMITTED, label: '提交' },
    { event: E.DISPATCH, from: [S.SUBMITTED], to: S.DISPATCHED, label: '数据分发' },
    { event: E.REQUIRE_SUPPLEMENT, from: [S.SUBMITTED, S.DISPATCHED], to: S.SUPPLEMENT_REQUIRED, label: '部门要求补正补齐' },
    { event: E.ACCEPT, from: [S.SUBMITTED, S.DISPATCHED], to: S.ACCEPTED, label: '部门受理' },
    { event: E.CONCLUDE, from: [S.ACCEPTED], to: S.CONCLUDED, label: '部门办结' },
    { event: E.RESUBMIT, from: [S.SUPPLEMENT_REQUIRED], to: S.DRAFT, label: '补正后重新登记', refused: '无需补正补齐' },
    { event: E.EXPIRE, from: [S.DRAFT], to: S.EXPIRED, label: '草稿超期作废' },
  ],
  refusal: {
    code: ReturnCode.CONFLICT,
    detail: ({ from, words }) => `状态为 ${from ?? '(none)'}，${words}`,
  },
});

/** Materials belong to the version in progress: they can be uploaded only while it is a draft. */
export function assertUploadAllowed(state: ApplicationState): void {
  if (state !== ApplicationState.DRAFT) throw new AppError(ReturnCode.CONFLICT, `状态为 ${state}，不能上传材料`);
}
