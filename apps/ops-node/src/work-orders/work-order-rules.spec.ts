import { WorkOrderStatus } from '@app/ops-contract';
import { nextStatus } from './work-order-rules';

describe('work order transitions', () => {
  it('walks the normal path', () => {
    let s: WorkOrderStatus | undefined = WorkOrderStatus.PENDING;
    for (const a of ['accept', 'start', 'feedback', 'conclude', 'evaluate'] as const) s = nextStatus(s!, a);
    expect(s).toBe(WorkOrderStatus.EVALUATED);
  });

  it('refuses to conclude an order nobody accepted, and to evaluate an open one', () => {
    expect(nextStatus(WorkOrderStatus.PENDING, 'conclude')).toBeUndefined();
    expect(nextStatus(WorkOrderStatus.PROCESSING, 'evaluate')).toBeUndefined();
  });
});
