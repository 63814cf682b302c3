import { WorkOrderStatus } from '@app/ops-contract';

export type WorkOrderAction = 'accept' | 'start' | 'feedback' | 'conclude' | 'evaluate';

/** The only moves a work order can make: 受理 → 处理 → 反馈 → 办结 → 评价. Feedback may be given again while processing. */
const MOVES: Record<WorkOrderAction, { from: WorkOrderStatus[]; to: WorkOrderStatus }> = {
  accept: { from: [WorkOrderStatus.PENDING], to: WorkOrderStatus.ACCEPTED },
  start: { from: [WorkOrderStatus.ACCEPTED], to: WorkOrderStatus.PROCESSING },
  feedback: { from: [WorkOrderStatus.ACCEPTED, WorkOrderStatus.PROCESSING, WorkOrderStatus.FEEDBACK], to: WorkOrderStatus.FEEDBACK },
  conclude: { from: [WorkOrderStatus.PROCESSING, WorkOrderStatus.FEEDBACK], to: WorkOrderStatus.CONCLUDED },
  evaluate: { from: [WorkOrderStatus.CONCLUDED], to: WorkOrderStatus.EVALUATED },
};

export function nextStatus(current: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus | undefined {
  const m = MOVES[action];
  return m.from.includes(current) ? m.to : undefined;
}
