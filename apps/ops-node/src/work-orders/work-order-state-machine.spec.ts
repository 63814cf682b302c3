import { AppError, ReturnCode, stateMachineDocFileDifferences } from '@app/common';
import { WorkOrderStatus as W } from '@app/ops-contract';
import { join } from 'node:path';
import { entryRefusal, EVENT_OF_ACTION, wireStatusOf, WorkOrderEvent as E, workOrderMachine as machine, WorkOrderState as S } from './work-order-state-machine';

describe('work order state machine (ITSM)', () => {
  it('walks new → assigned → in progress ↔ pending → resolved → closed', () => {
    let s = machine.next(null, E.CREATE);
    expect(s).toBe(S.NEW);
    s = machine.next(s, E.ASSIGN, { assignee: 'ops-a' });
    expect(s).toBe(S.ASSIGNED);
    s = machine.next(s, E.START);
    s = machine.next(s, E.PEND, { reason: '等待厂商备件' });
    expect(s).toBe(S.PENDING);
    s = machine.next(s, E.RESUME);
    expect(s).toBe(S.IN_PROGRESS);
    s = machine.next(s, E.RESOLVE);
    expect(s).toBe(S.RESOLVED);
    expect(machine.next(s, E.REOPEN, { reason: '又中断了' })).toBe(S.IN_PROGRESS);
    expect(machine.next(s, E.CLOSE, { starRating: 5 })).toBe(S.CLOSED);
    for (const e of [E.RECEIVE, E.FROM_ALERT]) expect(machine.next(null, e)).toBe(S.NEW);
    expect(machine.next(null, E.SPLIT, { assignee: 'ops-b' })).toBe(S.ASSIGNED);
  });

  it('escalates from any open state before resolution, and the escalated order is assigned or taken again', () => {
    for (const from of [S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.PENDING]) expect(machine.next(from, E.ESCALATE, { reason: '超出本级处理能力' })).toBe(S.ESCALATED);
    expect(machine.next(S.ESCALATED, E.ASSIGN, { assignee: '网络组' })).toBe(S.ASSIGNED);
    expect(machine.next(S.ESCALATED, E.ACCEPT)).toBe(S.ASSIGNED);
    expect(machine.next(S.ESCALATED, E.RESOLVE)).toBe(S.RESOLVED);
  });

  it('refuses what the table does not allow (2003 naming state and event), then what the guards need (1002)', () => {
    const r = machine.refusalOf(S.NEW, E.RESOLVE);
    expect(r).toBeInstanceOf(AppError);
    expect([r?.code, r?.message]).toEqual([ReturnCode.ILLEGAL_TRANSITION, '非法的状态变更：NEW → RESOLVE']);
    expect(machine.refusalOf(S.PENDING, E.RESOLVE)?.code).toBe(ReturnCode.ILLEGAL_TRANSITION);
    expect(machine.refusalOf(S.CLOSED, E.REOPEN, { reason: 'x' })?.code).toBe(ReturnCode.ILLEGAL_TRANSITION);
    expect(machine.refusalOf(S.NEW, E.ASSIGN, {})?.message).toBe('参数缺失：assignee');
    expect(machine.refusalOf(S.IN_PROGRESS, E.PEND, { reason: '' })?.message).toBe('参数缺失：reason');
    expect(machine.refusalOf(S.RESOLVED, E.CLOSE, {})?.message).toBe('参数缺失：starRating');
    expect(machine.refusalOf(S.RESOLVED, E.REOPEN)?.code).toBe(ReturnCode.MISSING_PARAMETER);
  });

  it('has no way out of CLOSED, and takes 反馈 and 记录 without a state change where they fit', () => {
    for (const t of machine.transitions) expect(machine.can(S.CLOSED, t.event)).toBe(false);
    expect(entryRefusal(S.IN_PROGRESS, 'feedback', '已更换光模块')).toBeNull();
    expect(entryRefusal(S.NEW, 'feedback', '已更换光模块')?.code).toBe(ReturnCode.ILLEGAL_TRANSITION);
    expect(entryRefusal(S.RESOLVED, 'note', '回访用户')).toBeNull();
    expect(entryRefusal(S.CLOSED, 'note', '回访用户')?.code).toBe(ReturnCode.ILLEGAL_TRANSITION);
    expect(entryRefusal(S.PENDING, 'feedback', '  ')?.code).toBe(ReturnCode.MISSING_PARAMETER);
  });

  it('keeps the older verbs of the API: conclude is resolve, evaluate is close', () => {
    expect([EVENT_OF_ACTION.conclude, EVENT_OF_ACTION.evaluate, EVENT_OF_ACTION.accept]).toEqual([E.RESOLVE, E.CLOSE, E.ACCEPT]);
  });

  it('maps every internal state onto one of the six wire statuses of the WORK_ORDER report', () => {
    const table = Object.values(S).map((s) => [s, wireStatusOf(s, false), wireStatusOf(s, true)]);
    expect(table).toEqual([
      [S.NEW, W.PENDING, W.PENDING],
      [S.ASSIGNED, W.ACCEPTED, W.ACCEPTED],
      [S.IN_PROGRESS, W.PROCESSING, W.FEEDBACK],
      [S.PENDING, W.PROCESSING, W.FEEDBACK],
      [S.ESCALATED, W.PROCESSING, W.FEEDBACK],
      [S.RESOLVED, W.CONCLUDED, W.CONCLUDED],
      [S.CLOSED, W.EVALUATED, W.EVALUATED],
    ]);
    for (const [, a, b] of table) expect(Object.values(W)).toEqual(expect.arrayContaining([a, b]));
  });

  it('is the table of docs/work-order-states.md', () => {
    expect([machine.states, machine.transitions.map((t) => t.event)]).toEqual([Object.values(S), Object.values(E)]);
    expect(stateMachineDocFileDifferences(join(__dirname, '..', '..', '..', '..', 'docs', 'work-order-states.md'), machine)).toEqual([]);
  });
});
