import { AppError, ReturnCode } from '@app/common';
import { WorkOrderStatus as S } from '@app/ops-contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertWorkOrderGuards,
  canMoveWorkOrder,
  EVENT_OF_ACTION,
  nextWorkOrderStatus,
  WORK_ORDER_STATE_LABEL,
  WORK_ORDER_TRANSITIONS,
  WorkOrderEvent as E,
  workOrderSourcesOf,
} from './work-order-state-machine';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
};

describe('work order state machine', () => {
  it('walks the normal path 受理 → 处理 → 反馈 → 办结 → 评价', () => {
    let s = nextWorkOrderStatus(null, E.CREATE);
    expect(s).toBe(S.PENDING);
    for (const a of ['accept', 'start', 'feedback', 'conclude', 'evaluate'] as const) s = nextWorkOrderStatus(s, EVENT_OF_ACTION[a]);
    expect(s).toBe(S.EVALUATED);
    expect(nextWorkOrderStatus(null, E.RECEIVE)).toBe(S.PENDING);
  });

  it('lets feedback be given again, and concludes without feedback from PROCESSING', () => {
    expect(nextWorkOrderStatus(S.FEEDBACK, E.FEEDBACK)).toBe(S.FEEDBACK);
    expect(nextWorkOrderStatus(S.ACCEPTED, E.FEEDBACK)).toBe(S.FEEDBACK);
    expect(nextWorkOrderStatus(S.PROCESSING, E.CONCLUDE)).toBe(S.CONCLUDED);
    expect(workOrderSourcesOf(E.CONCLUDE)).toEqual([S.PROCESSING, S.FEEDBACK]);
  });

  it('refuses to conclude an order nobody accepted, and to evaluate an open one, as the API did before (2003)', () => {
    const conclude = refusal(() => nextWorkOrderStatus(S.PENDING, E.CONCLUDE));
    expect(conclude).toBeInstanceOf(AppError);
    expect(conclude.code).toBe(ReturnCode.ILLEGAL_TRANSITION);
    expect(conclude.message).toContain('PENDING → conclude');
    expect(refusal(() => nextWorkOrderStatus(S.PROCESSING, E.EVALUATE)).message).toContain('PROCESSING → evaluate');
    expect(canMoveWorkOrder(S.PENDING, E.CREATE)).toBe(false);
  });

  it('guards feedback and evaluation on their inputs (1002)', () => {
    expect(refusal(() => assertWorkOrderGuards(E.FEEDBACK, {})).code).toBe(ReturnCode.MISSING_PARAMETER);
    expect(refusal(() => assertWorkOrderGuards(E.EVALUATE, { feedback: 'x' })).code).toBe(ReturnCode.MISSING_PARAMETER);
    expect(() => assertWorkOrderGuards(E.FEEDBACK, { feedback: '已处理' })).not.toThrow();
    expect(() => assertWorkOrderGuards(E.CONCLUDE, {})).not.toThrow();
  });

  it('has no way out of EVALUATED', () => {
    for (const t of WORK_ORDER_TRANSITIONS) expect(canMoveWorkOrder(S.EVALUATED, t.event)).toBe(false);
  });

  it('is the table of docs/work-order-states.md', () => {
    const md = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'work-order-states.md'), 'utf8');
    const transitions = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|]+) \| ([A-Z_]+) \| ([^|]+) \|/gm)].map((m) => ({
      event: m[1],
      from: m[2].trim() === '—' ? [] : m[2].split(',').map((x) => x.trim()),
      to: m[3],
      label: m[4].trim(),
    }));
    expect(transitions).toEqual(WORK_ORDER_TRANSITIONS.map((t) => ({ event: t.event, from: [...t.from], to: t.to, label: t.label })));
    const states = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|A-Za-z]+) \|$/gm)].map((m) => [m[1], m[2].trim()]);
    expect(states).toEqual(Object.values(S).map((s) => [s, WORK_ORDER_STATE_LABEL[s]]));
  });
});
