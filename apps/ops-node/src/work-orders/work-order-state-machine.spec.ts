import { AppError, ReturnCode, stateMachineDocFileDifferences } from '@app/common';
import { WorkOrderStatus as S } from '@app/ops-contract';
import { join } from 'node:path';
import { EVENT_OF_ACTION, WorkOrderEvent as E, workOrderMachine as machine } from './work-order-state-machine';

describe('work order state machine', () => {
  it('walks the normal path 受理 → 处理 → 反馈 → 办结 → 评价', () => {
    let s = machine.next(null, E.CREATE);
    expect(s).toBe(S.PENDING);
    for (const a of ['accept', 'start', 'feedback', 'conclude', 'evaluate'] as const)
      s = machine.next(s, EVENT_OF_ACTION[a], { feedback: '已处理', starRating: 5 });
    expect(s).toBe(S.EVALUATED);
    expect(machine.next(null, E.RECEIVE)).toBe(S.PENDING);
  });

  it('lets feedback be given again, and concludes without feedback from PROCESSING', () => {
    expect(machine.next(S.FEEDBACK, E.FEEDBACK, { feedback: '再次反馈' })).toBe(S.FEEDBACK);
    expect(machine.next(S.ACCEPTED, E.FEEDBACK, { feedback: '已处理' })).toBe(S.FEEDBACK);
    expect(machine.next(S.PROCESSING, E.CONCLUDE)).toBe(S.CONCLUDED);
    expect(machine.allowedFrom(E.CONCLUDE)).toEqual([S.PROCESSING, S.FEEDBACK]);
  });

  it('refuses to conclude an order nobody accepted, and to evaluate an open one, as the API did before (2003)', () => {
    const conclude = machine.refusalOf(S.PENDING, E.CONCLUDE);
    expect(conclude).toBeInstanceOf(AppError);
    expect([conclude?.code, conclude?.message]).toEqual([ReturnCode.ILLEGAL_TRANSITION, '非法的状态变更：PENDING → conclude']);
    expect(() => machine.next(S.PENDING, E.CONCLUDE)).toThrow(conclude!);
    expect(machine.refusalOf(S.PROCESSING, E.EVALUATE, { starRating: 5 })?.message).toContain('PROCESSING → evaluate');
    expect(machine.refusalOf(S.PENDING, E.RECEIVE)?.message).toContain('PENDING → RECEIVE');
    expect(machine.can(S.PENDING, E.CREATE)).toBe(false);
  });

  it('guards feedback and evaluation on their inputs (1002), after the status', () => {
    expect([machine.refusalOf(S.PROCESSING, E.FEEDBACK, {})?.code, machine.refusalOf(S.PROCESSING, E.FEEDBACK, {})?.message]).toEqual([
      ReturnCode.MISSING_PARAMETER,
      '参数缺失：feedback',
    ]);
    expect(machine.refusalOf(S.PROCESSING, E.FEEDBACK)?.code).toBe(ReturnCode.MISSING_PARAMETER);
    expect(machine.refusalOf(S.CONCLUDED, E.EVALUATE, { feedback: 'x' })?.message).toBe('参数缺失：starRating');
    expect(() => machine.next(S.CONCLUDED, E.EVALUATE, { feedback: 'x' })).toThrow(
      expect.objectContaining({ name: 'AppError', code: ReturnCode.MISSING_PARAMETER }),
    );
    expect(machine.refusalOf(S.PENDING, E.FEEDBACK, {})?.code).toBe(ReturnCode.ILLEGAL_TRANSITION);
    expect(machine.next(S.PROCESSING, E.FEEDBACK, { feedback: '已处理' })).toBe(S.FEEDBACK);
    expect(machine.next(S.PROCESSING, E.CONCLUDE, {})).toBe(S.CONCLUDED);
  });

  it('has no way out of EVALUATED', () => {
    for (const t of machine.transitions) expect(machine.can(S.EVALUATED, t.event)).toBe(false);
  });

  it('is the table of docs/work-order-states.md', () => {
    expect([machine.states, machine.transitions.map((t) => t.event)]).toEqual([Object.values(S), Object.values(E)]);
    expect(stateMachineDocFileDifferences(join(__dirname, '..', '..', '..', '..', 'docs', 'work-order-states.md'), machine)).toEqual([]);
  });
});
