import { ReportItem, WorkOrderStatus } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { toWire, toWireOrUndefined } from '../core/wire-time';
import { clean } from '../inventory';
import { WorkOrderEvent, workOrderMachine } from './work-order-state-machine';

export interface WorkOrderRow {
  order_id: string;
  subject: string;
  content: string;
  origin_unit: string;
  business_type: string;
  receiver_unit: string;
  receiver_feedback: string | null;
  origin_contact: string;
  origin_phone: string;
  receiver_contact: string | null;
  receiver_phone: string | null;
  status: WorkOrderStatus;
  concluded_at: Date | null;
  ops_level: number;
  star_rating: number | null;
  ops_evaluation: string | null;
  origin: 'LOCAL' | 'CITY';
  created_at: Date;
  updated_at: Date;
}

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
  });
}

/** A work order as the REST API shows it: the report's field names (camelCase), plus its origin and creation time. */
export function workOrderView(r: WorkOrderRow): ReportItem {
  return { ...workOrderItem(r), origin: r.origin, createdAt: toWire(r.created_at) };
}

export class WorkOrderRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(o: Omit<WorkOrderRow, 'created_at' | 'updated_at'>, now: Date): Promise<boolean> {
    const r = (await this.db.query(
      `INSERT IGNORE INTO work_order (order_id, subject, content, origin_unit, business_type, receiver_unit, receiver_feedback, origin_contact, origin_phone, receiver_contact, receiver_phone, status, concluded_at, ops_level, star_rating, ops_evaluation, origin, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [
        o.order_id,
        o.subject,
        o.content,
        o.origin_unit,
        o.business_type,
        o.receiver_unit,
        o.receiver_feedback,
        o.origin_contact,
        o.origin_phone,
        o.receiver_contact,
        o.receiver_phone,
        o.status,
        o.concluded_at,
        o.ops_level,
        o.star_rating,
        o.ops_evaluation,
        o.origin,
        now,
        now,
      ],
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
   * Moves the order on `event` (the machine's target status) and sets the event's fields, only from a
   * status the machine allows the event in; false when the order was not in one.
   */
  async transition(orderId: string, event: WorkOrderEvent, set: Partial<Record<Exclude<keyof WorkOrderRow, 'status'>, unknown>>, now: Date): Promise<boolean> {
    const to = workOrderMachine.targetOf(event);
    const from = workOrderMachine.allowedFrom(event);
    const cols = Object.keys(set) as (keyof typeof set)[];
    const r = (await this.db.query(
      `UPDATE work_order SET status = ?, ${cols.map((c) => `${c} = ?, `).join('')}updated_at = ? WHERE order_id = ? AND status IN (${from.map(() => '?').join(',')})`,
      [to, ...cols.map((c) => set[c]), now, orderId, ...from],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  async list(f: { status?: string; origin?: string; limit: number }): Promise<WorkOrderRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    if (f.origin) {
      where.push('origin = ?');
      params.push(f.origin);
    }
    return (await this.db.query(
      `SELECT * FROM work_order ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ${Math.min(5000, f.limit)}`,
      params,
    )) as WorkOrderRow[];
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
