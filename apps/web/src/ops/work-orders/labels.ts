import type { Schemas } from '../api';

export type WorkOrder = Schemas['WorkOrderDto'];
export type WorkOrderDetail = Schemas['WorkOrderDetailDto'];
export type WorkOrderState = Schemas['WorkOrderState'];

/** The states of the ITSM machine with their labels (docs/work-order-states.md). */
export const STATE_LABEL: Record<WorkOrderState, string> = {
  NEW: '新建',
  ASSIGNED: '已分派',
  IN_PROGRESS: '处理中',
  PENDING: '挂起等待',
  ESCALATED: '已升级',
  RESOLVED: '已解决',
  CLOSED: '已关闭',
};
export const STATES = Object.keys(STATE_LABEL) as WorkOrderState[];

export const STATE_TAG: Record<WorkOrderState, 'info' | 'primary' | 'warning' | 'danger' | 'success'> = {
  NEW: 'info',
  ASSIGNED: 'primary',
  IN_PROGRESS: 'primary',
  PENDING: 'warning',
  ESCALATED: 'danger',
  RESOLVED: 'success',
  CLOSED: 'info',
};

export const SLA_LABEL: Record<string, string> = { OK: '正常', WARNING: '预警', BREACHED: '超时', MET: '按时完成', MISSED: '超时完成' };
export const SLA_TAG: Record<string, 'success' | 'warning' | 'danger' | 'info'> = {
  OK: 'success',
  WARNING: 'warning',
  BREACHED: 'danger',
  MET: 'success',
  MISSED: 'danger',
};
export const TYPE_LABEL: Record<string, string> = { SELF: '自行处理', COLLABORATIVE: '与市级协同' };
export const ORIGIN_LABEL: Record<string, string> = { LOCAL: '本节点', CITY: '市级下发' };

export type ActionName = Schemas['WorkOrderActionDto']['action'];

/** The buttons of the detail: which action fits which state (the server decides; this only hides what would be refused). */
export const ACTIONS: { action: ActionName; label: string; states: WorkOrderState[]; needs?: 'assignee' | 'reason' | 'feedback' | 'note' | 'starRating' }[] = [
  { action: 'accept', label: '受理', states: ['NEW', 'ESCALATED'] },
  { action: 'assign', label: '分派', states: ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING', 'ESCALATED'], needs: 'assignee' },
  { action: 'start', label: '开始处理', states: ['ASSIGNED', 'ESCALATED'] },
  { action: 'feedback', label: '反馈', states: ['ASSIGNED', 'IN_PROGRESS', 'PENDING', 'ESCALATED'], needs: 'feedback' },
  { action: 'note', label: '记录', states: ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING', 'ESCALATED', 'RESOLVED'], needs: 'note' },
  { action: 'pend', label: '挂起等待', states: ['IN_PROGRESS'], needs: 'reason' },
  { action: 'resume', label: '恢复处理', states: ['PENDING'] },
  { action: 'escalate', label: '升级', states: ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING'], needs: 'reason' },
  { action: 'resolve', label: '解决', states: ['IN_PROGRESS', 'ESCALATED'], needs: 'feedback' },
  { action: 'reopen', label: '重新打开', states: ['RESOLVED'], needs: 'reason' },
  { action: 'close', label: '关闭评价', states: ['RESOLVED'], needs: 'starRating' },
];

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`;
  return `${Math.floor(seconds / 3600)} 小时 ${Math.floor((seconds % 3600) / 60)} 分`;
}
