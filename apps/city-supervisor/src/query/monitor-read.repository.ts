import { EntityManager } from 'typeorm';

export type Row = Record<string, unknown>;

/** AND-ed conditions with their parameters; a filter that was not given adds nothing. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  constructor(first?: string, ...params: unknown[]) {
    if (first) this.add(first, ...params);
  }

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /** adds `sql` with `value` only when a value was given */
  opt(sql: string, value: unknown): this {
    return value === undefined || value === null || value === '' ? this : this.add(sql, value);
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

const WORK_ORDER_SELECT = `SELECT w.node_code, w.order_id, w.origin, w.subject, w.content, w.origin_unit, w.business_type, w.receiver_unit, w.receiver_feedback,
  w.origin_contact, w.origin_phone, w.receiver_contact, w.receiver_phone, w.status, w.concluded_at, w.ops_level, w.star_rating, w.ops_evaluation,
  w.updated_at, w.created_at, o.state AS delivery_state, o.attempts AS delivery_attempts, o.last_code AS delivery_last_code, o.last_error AS delivery_last_error,
  o.next_attempt_at AS delivery_next_attempt_at, o.delivered_at AS delivery_delivered_at, o.answer_code AS delivery_answer_code
FROM city_work_order w
LEFT JOIN city_work_order_outbox o ON o.id = (SELECT MAX(id) FROM city_work_order_outbox x WHERE x.node_code = w.node_code AND x.order_id = w.order_id)`;

/**
 * The monitors' read model over the city DB: reads only (no locks; used on autocommit), across the
 * tables the intake, state and work-order features write. Rows come back as the DB has them
 * (snake_case); MonitorQuery shapes them into the API's views.
 */
export class MonitorReadRepository {
  constructor(private readonly em: EntityManager) {}

  nodeInfos(): Promise<Row[]> {
    return this.em.query('SELECT * FROM city_node_info') as Promise<Row[]>;
  }

  resources(nodeCode: string, f: { resourceClass?: string; includeRemoved: boolean }): Promise<Row[]> {
    const w = new Where('node_code = ?', nodeCode).opt('resource_class = ?', f.resourceClass);
    if (!f.includeRemoved) w.add('removed = 0');
    return this.em.query(`SELECT * FROM city_resource ${w.sql} ORDER BY resource_class, resource_id`, w.params) as Promise<Row[]>;
  }

  subResources(nodeCode: string, resourceId: string, includeRemoved: boolean): Promise<Row[]> {
    return this.em.query(
      `SELECT * FROM city_sub_resource WHERE node_code = ? AND resource_id = ? ${includeRemoved ? '' : 'AND removed = 0'} ORDER BY sub_resource_id`,
      [nodeCode, resourceId],
    ) as Promise<Row[]>;
  }

  alerts(from: Date, to: Date, f: { nodeCode?: string; severity?: string; status?: string; limit: number }): Promise<Row[]> {
    const w = new Where('raised_at BETWEEN ? AND ?', from, to).opt('node_code = ?', f.nodeCode).opt('severity = ?', f.severity).opt('status = ?', f.status);
    return this.em.query(`SELECT * FROM city_alert ${w.sql} ORDER BY raised_at DESC LIMIT ?`, [...w.params, f.limit]) as Promise<Row[]>;
  }

  /**
   * 告警统计 across the districts: the alerts raised in [from, to) counted by node × severity ×
   * resource class and by time bucket (Beijing time: the connection's time zone) × severity.
   */
  async alertCounts(from: Date, to: Date, bucket: 'hour' | 'day'): Promise<{ groups: Row[]; overTime: Row[]; open: number }> {
    const fmt = bucket === 'hour' ? '%Y-%m-%d %H:00' : '%Y-%m-%d';
    const range = [from, to];
    const groups = (await this.em.query(
      'SELECT node_code, severity, resource_class, COUNT(*) AS n FROM city_alert WHERE raised_at >= ? AND raised_at < ? GROUP BY node_code, severity, resource_class',
      range,
    )) as Row[];
    const overTime = (await this.em.query(
      `SELECT DATE_FORMAT(raised_at, '${fmt}') AS b, severity, COUNT(*) AS n FROM city_alert WHERE raised_at >= ? AND raised_at < ? GROUP BY b, severity ORDER BY b`,
      range,
    )) as Row[];
    const [{ n: open }] = (await this.em.query(
      "SELECT COUNT(*) AS n FROM city_alert WHERE raised_at >= ? AND raised_at < ? AND status IN ('FIRING', 'ACKNOWLEDGED')",
      range,
    )) as { n: string }[];
    return { groups, overTime, open: Number(open) };
  }

  /** Work orders with their latest outbox row as delivery_* columns. */
  workOrders(f: { status?: string; nodeCode?: string; origin?: string; limit: number }): Promise<Row[]> {
    const w = new Where().opt('w.status = ?', f.status).opt('w.node_code = ?', f.nodeCode).opt('w.origin = ?', f.origin);
    return this.em.query(`${WORK_ORDER_SELECT} ${w.sql} ORDER BY w.updated_at DESC LIMIT ?`, [...w.params, f.limit]) as Promise<Row[]>;
  }

  async workOrder(nodeCode: string, orderId: string): Promise<Row | undefined> {
    const [row] = (await this.em.query(`${WORK_ORDER_SELECT} WHERE w.node_code = ? AND w.order_id = ?`, [nodeCode, orderId])) as Row[];
    return row;
  }

  performanceSummary(from: Date, to: Date, f: { nodeCode?: string; resourceId?: string; metric?: string }): Promise<Row[]> {
    const w = new Where('sampled_at BETWEEN ? AND ?', from, to)
      .opt('node_code = ?', f.nodeCode)
      .opt('resource_id = ?', f.resourceId)
      .opt('metric = ?', f.metric);
    return this.em.query(
      `SELECT node_code, resource_id, sub_resource_id, metric, MIN(unit) AS unit, MIN(value) AS min, MAX(value) AS max, AVG(value) AS avg, COUNT(*) AS count, MIN(sampled_at) AS first_sampled_at, MAX(sampled_at) AS last_sampled_at
       FROM city_perf_sample ${w.sql} GROUP BY node_code, resource_id, sub_resource_id, metric ORDER BY node_code, resource_id, sub_resource_id, metric LIMIT 10000`,
      w.params,
    ) as Promise<Row[]>;
  }

  reports(f: { nodeCode?: string; category?: string; limit: number }): Promise<Row[]> {
    const w = new Where().opt('node_code = ?', f.nodeCode).opt('category = ?', f.category);
    return this.em.query(
      `SELECT id, node_code, category, mode, message_id, generated_at, item_count, transport, correlation_id, received_at FROM city_report ${w.sql} ORDER BY id DESC LIMIT ?`,
      [...w.params, f.limit],
    ) as Promise<Row[]>;
  }

  async report(id: number): Promise<Row | undefined> {
    const [row] = (await this.em.query('SELECT * FROM city_report WHERE id = ?', [id])) as Row[];
    return row;
  }

  refusals(f: { nodeCode?: string; code?: string; limit: number }): Promise<Row[]> {
    const w = new Where().opt('node_code = ?', f.nodeCode).opt('code = ?', f.code);
    return this.em.query(`SELECT * FROM city_refusal ${w.sql} ORDER BY id DESC LIMIT ?`, [...w.params, f.limit]) as Promise<Row[]>;
  }

  /** The latest report per (node, category), with how many of that pair arrived since `since` (n24). */
  latestReports(since: Date): Promise<Row[]> {
    return this.em.query(
      `SELECT r.node_code, r.category, r.message_id, r.received_at, s.n24 FROM city_report r
       JOIN (SELECT node_code, category, MAX(id) AS last_id, SUM(received_at >= ?) AS n24 FROM city_report GROUP BY node_code, category) s ON r.id = s.last_id`,
      [since],
    ) as Promise<Row[]>;
  }

  /** The latest refusal per (node, category) whose node's signature verified. */
  latestVerifiedRefusals(): Promise<Row[]> {
    return this.em.query(
      `SELECT f.node_code, f.category, f.code, f.at FROM city_refusal f
       JOIN (SELECT MAX(id) AS id FROM city_refusal WHERE sender_verified = 1 AND node_code IS NOT NULL GROUP BY node_code, category) m ON f.id = m.id`,
    ) as Promise<Row[]>;
  }
}
