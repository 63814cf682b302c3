import { ReportItem, WorkOrderStatus } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { toWire, toWireOrUndefined } from '../core/wire-time';
import { clean } from '../inventory';
import { OPEN_STATES, WorkOrderEvent, workOrderMachine, WorkOrderState } from './work-order-state-machine';
import { markColumn, SlaClock, SlaThreshold } from './work-order-sla';

export type WorkOrderType = 'SELF' | 'COLLABORATIVE';
export type AssigneeKind = 'PERSON' | 'GROUP';

export interface WorkOrderRow {
  order_id: string;
  subject: string;
  content: string;
  origin_unit: string;
  business_type: string;
  receiver_unit: string;
  /** the latest 反馈 (what the city report carries); every one of them stays in the history */
  receiver_feedback: string | null;
  origin_contact: string;
  origin_phone: string;
  receiver_contact: string | null;
  receiver_phone: string | null;
  /** the wire status of the WORK_ORDER report, always wireStatusOf(state, feedback given) */
  status: WorkOrderStatus;
  concluded_at: Date | null;
  ops_level: number;
  star_rating: number | null;
  ops_evaluation: string | null;
  origin: 'LOCAL' | 'CITY';
  created_at: Date;
  updated_at: Date;
  state: WorkOrderState;
  order_type: WorkOrderType;
  parent_id: string | null;
  assignee_kind: AssigneeKind | null;
  assignee: string | null;
  alert_id: string | null;
  pending_reason: string | null;
  version: number;
  responded_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  respond_target_s: number;
  resolve_target_s: number;
  clock_paused_ms: number | string;
  clock_paused_since: Date | null;
  respond_warned_at: Date | null;
  respond_breached_at: Date | null;
  resolve_warned_at: Date | null;
  resolve_breached_at: Date | null;
}

export type NewWorkOrder = Omit<
  WorkOrderRow,
  | 'created_at'
  | 'updated_at'
  | 'version'
  | 'clock_paused_ms'
  | 'clock_paused_since'
  | 'respond_warned_at'
  | 'respond_breached_at'
  | 'resolve_warned_at'
  | 'resolve_breached_at'
  | 'resolved_at'
  | 'closed_at'
  | 'pending_reason'
>;

/** The settable columns of a change (everything but the identity and the bookkeeping the repository does itself). */
export type WorkOrderChange = Partial<Omit<WorkOrderRow, 'order_id' | 'state' | 'version' | 'created_at' | 'updated_at'>> & { clock_paused_ms_add?: number };

/** The WORK_ORDER report item: the contract's fields, plus the optional ITSM fields (docs/ops-report-contract.md). */
export function workOrderItem(r: WorkOrderRow): ReportItem {
  return clean({
    orderId: r.order_id,
    subject: r.subject,
    content: r.content,
    originUnit: r.origin_unit,
    businessType: r.business_type,
    receiverUnit: r.receiver_unit,
    receiverFeedback: r.receiver_feedback,
    originContact: r.origin_contact,
    originPhone: r.origin_phone,
    receiverContact: r.receiver_contact,
    receiverPhone: r.receiver_phone,
    status: r.status,
    concludedAt: toWireOrUndefined(r.concluded_at),
    opsLevel: Number(r.ops_level),
    starRating: r.star_rating === null ? undefined : Number(r.star_rating),
    opsEvaluation: r.ops_evaluation,
    updatedAt: toWire(r.updated_at),
    itsmState: r.state,
    orderType: r.order_type,
    parentOrderId: r.parent_id,
    assignee: r.assignee,
  });
}

export interface WorkOrderFilter {
  status?: string;
  state?: string;
  origin?: string;
  orderType?: string;
  assignee?: string;
  parentId?: string;
  limit: number;
}

export class WorkOrderRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(o: NewWorkOrder, now: Date): Promise<boolean> {
    const cols = Object.keys(o) as (keyof NewWorkOrder)[];
    const r = (await this.db.query(
      `INSERT IGNORE INTO work_order (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map(() => '?').join(',')}, ?, ?)`,
      [...cols.map((c) => o[c]), now, now],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  /** The city may amend what it owns (subject, content, level, contacts); the district's progress stays. */
  async amendFromCity(
    o: Pick<WorkOrderRow, 'order_id' | 'subject' | 'content' | 'business_type' | 'ops_level' | 'origin_contact' | 'origin_phone'>,
    now: Date,
  ): Promise<void> {
    await this.db.query(
      `UPDATE work_order SET subject = ?, content = ?, business_type = ?, ops_level = ?, origin_contact = ?, origin_phone = ?, updated_at = ? WHERE order_id = ? AND origin = 'CITY'`,
      [o.subject, o.content, o.business_type, o.ops_level, o.origin_contact, o.origin_phone, now, o.order_id],
    );
  }

  async get(orderId: string, lock = false): Promise<WorkOrderRow | undefined> {
    const [r] = (await this.db.query(`SELECT * FROM work_order WHERE order_id = ?${lock ? ' FOR UPDATE' : ''}`, [orderId])) as WorkOrderRow[];
    return r;
  }

  /**
   * Moves the order on `event` (the machine's target state) and sets the change, only from a state the
   * machine allows the event in and only at the version the caller read (a concurrent operator's change
   * in between makes this a no-op); bumps the version and updated_at. False when nothing moved.
   */
  async transition(orderId: string, event: WorkOrderEvent, version: number, set: WorkOrderChange, now: Date): Promise<boolean> {
    const from = workOrderMachine.allowedFrom(event);
    return this.update(orderId, version, { state: workOrderMachine.targetOf(event), ...set }, from, now);
  }

  /** A change without a state change (反馈, 记录, the feedback the report carries), at the version read. */
  async touch(orderId: string, version: number, set: WorkOrderChange, now: Date): Promise<boolean> {
    return this.update(orderId, version, set, null, now);
  }

  private async update(
    orderId: string,
    version: number,
    change: WorkOrderChange & { state?: WorkOrderState },
    from: readonly WorkOrderState[] | null,
    now: Date,
  ): Promise<boolean> {
    const { clock_paused_ms_add, ...set } = change;
    const cols = Object.keys(set) as (keyof typeof set)[];
    const r = (await this.db.query(
      `UPDATE work_order SET ${cols.map((c) => `${c} = ?, `).join('')}${clock_paused_ms_add ? 'clock_paused_ms = clock_paused_ms + ?, ' : ''}version = version + 1, updated_at = ?
        WHERE order_id = ? AND version = ?${from ? ` AND state IN (${from.map(() => '?').join(',')})` : ''}`,
      [...cols.map((c) => set[c]), ...(clock_paused_ms_add ? [clock_paused_ms_add] : []), now, orderId, version, ...(from ?? [])],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  async children(parentId: string): Promise<WorkOrderRow[]> {
    return (await this.db.query('SELECT * FROM work_order WHERE parent_id = ? ORDER BY created_at, order_id', [parentId])) as WorkOrderRow[];
  }

  async list(f: WorkOrderFilter): Promise<WorkOrderRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      if (v !== undefined && v !== null && v !== '') {
        where.push(sql);
        params.push(v);
      }
    };
    add('status = ?', f.status);
    add('state = ?', f.state);
    add('origin = ?', f.origin);
    add('order_type = ?', f.orderType);
    add('assignee = ?', f.assignee);
    add('parent_id = ?', f.parentId);
    return (await this.db.query(
      `SELECT * FROM work_order ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, order_id LIMIT ${Math.min(5000, Math.max(1, f.limit))}`,
      params,
    )) as WorkOrderRow[];
  }

  /** Open orders with a running clock whose thresholds are not all marked: what the SLA job looks at. */
  async slaCandidates(limit = 1000): Promise<WorkOrderRow[]> {
    return (await this.db.query(
      `SELECT * FROM work_order WHERE state IN (${OPEN_STATES.map(() => '?').join(',')})
        AND ((responded_at IS NULL AND (respond_warned_at IS NULL OR respond_breached_at IS NULL))
          OR (resolved_at IS NULL AND (resolve_warned_at IS NULL OR resolve_breached_at IS NULL)))
        ORDER BY created_at LIMIT ${Math.min(5000, limit)}`,
      [...OPEN_STATES],
    )) as WorkOrderRow[];
  }

  /** Marks a threshold of a clock, once: false when it was marked already (another tick, another replica, before a restart). */
  async markThreshold(orderId: string, clock: SlaClock, threshold: SlaThreshold, now: Date): Promise<boolean> {
    const col = markColumn(clock, threshold);
    const r = (await this.db.query(`UPDATE work_order SET ${col} = ? WHERE order_id = ? AND ${col} IS NULL`, [now, orderId])) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  /** Orders created in [from, to) (the 运维考核 figures). */
  async createdBetween(from: Date, to: Date): Promise<WorkOrderRow[]> {
    return (await this.db.query('SELECT * FROM work_order WHERE created_at >= ? AND created_at < ? ORDER BY created_at', [from, to])) as WorkOrderRow[];
  }

  async items(range?: { from: Date | null; to: Date }): Promise<ReportItem[]> {
    const rows = (await this.db.query(
      range
        ? `SELECT * FROM work_order WHERE updated_at <= ? ${range.from ? 'AND updated_at > ?' : ''} ORDER BY updated_at`
        : 'SELECT * FROM work_order ORDER BY created_at',
      range ? [range.to, ...(range.from ? [range.from] : [])] : [],
    )) as WorkOrderRow[];
    return rows.map(workOrderItem);
  }
}
