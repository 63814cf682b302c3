import { EntityManager } from 'typeorm';

export interface NewCityWorkOrder {
  nodeCode: string;
  orderId: string;
  subject: string;
  content: string;
  originUnit: string;
  businessType: string;
  receiverUnit: string;
  originContact: string;
  originPhone: string;
  status: string;
  opsLevel: number;
  at: Date;
}

/**
 * Writes `city_work_order` for the orders the city issues (origin CITY) and owns their day counter
 * `city_work_order_seq`. The rows a node reports are upserted by the state feature's
 * CurrentStateRepository, with the same table descriptor as every reported category.
 */
export class WorkOrderRepository {
  constructor(private readonly em: EntityManager) {}

  async insertCityOrder(o: NewCityWorkOrder): Promise<void> {
    await this.em.query(
      `INSERT INTO city_work_order (node_code, order_id, origin, subject, content, origin_unit, business_type, receiver_unit, origin_contact, origin_phone, status, ops_level, updated_at, created_at)
       VALUES (?, ?, 'CITY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        o.nodeCode,
        o.orderId,
        o.subject,
        o.content,
        o.originUnit,
        o.businessType,
        o.receiverUnit,
        o.originContact,
        o.originPhone,
        o.status,
        o.opsLevel,
        o.at,
        o.at,
      ],
    );
  }

  /** The day's next order number: one counter row per day, incremented under its row lock (call inside a transaction). */
  async nextSeq(day: string): Promise<number> {
    await this.em.query('INSERT INTO city_work_order_seq (day, seq) VALUES (?, 1) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)', [day]);
    const [row] = (await this.em.query('SELECT seq FROM city_work_order_seq WHERE day = ?', [day])) as { seq: number }[];
    return Number(row.seq);
  }
}
