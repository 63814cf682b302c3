import { toWire, toWireOrUndefined } from '../core/wire-time';
import { WorkOrderHistoryRow } from './work-order-history.repository';
import { workOrderItem, WorkOrderRow } from './work-order.repository';
import { SlaClockView, slaClocks } from './work-order-sla';
import { WORK_ORDER_STATE_LABEL, workOrderMachine, WorkOrderState } from './work-order-state-machine';

const EVENT_LABEL: Record<string, string> = {
  FEEDBACK: '反馈',
  NOTE: '记录',
  SLA_WARNING: 'SLA 预警',
  SLA_BREACH: 'SLA 超时',
  SPLIT_INTO: '分解',
};

export function slaOf(r: WorkOrderRow, now: Date): { respond: SlaClockView; resolve: SlaClockView } {
  return slaClocks(r, now, r.state === WorkOrderState.RESOLVED || r.state === WorkOrderState.CLOSED);
}

/** The worse of the two clocks (the list's SLA colour and filter): BREACHED > WARNING > OK. */
export function slaStatusOf(r: WorkOrderRow, now: Date): 'OK' | 'WARNING' | 'BREACHED' {
  const { respond, resolve } = slaOf(r, now);
  const s = [respond.status, resolve.status];
  if (s.some((x) => x === 'BREACHED' || x === 'MISSED')) return 'BREACHED';
  if (s.includes('WARNING')) return 'WARNING';
  return 'OK';
}

/** A work order as the REST API shows it: the report's field names (camelCase), plus the ITSM state, assignment, links and SLA clocks. */
export function workOrderView(r: WorkOrderRow, now: Date): Record<string, unknown> {
  return {
    ...workOrderItem(r),
    origin: r.origin,
    createdAt: toWire(r.created_at),
    state: r.state,
    stateLabel: WORK_ORDER_STATE_LABEL[r.state] ?? r.state,
    orderType: r.order_type,
    parentOrderId: r.parent_id,
    assignee: r.assignee,
    assigneeKind: r.assignee_kind,
    alertId: r.alert_id,
    pendingReason: r.pending_reason,
    version: Number(r.version),
    respondedAt: toWireOrUndefined(r.responded_at) ?? null,
    resolvedAt: toWireOrUndefined(r.resolved_at) ?? null,
    closedAt: toWireOrUndefined(r.closed_at) ?? null,
    slaStatus: slaStatusOf(r, now),
    sla: slaOf(r, now),
  };
}

export function historyView(h: WorkOrderHistoryRow) {
  let label = EVENT_LABEL[h.event];
  if (!label) {
    try {
      label = workOrderMachine.eventLabel(h.event as never);
    } catch {
      label = h.event;
    }
  }
  return {
    id: Number(h.id),
    at: toWire(h.at),
    actor: h.actor,
    event: h.event,
    eventLabel: label,
    from: h.from_state,
    to: h.to_state,
    note: h.note,
    detail: h.detail ? (JSON.parse(h.detail) as Record<string, unknown>) : null,
  };
}
