import { AppError, Clock, ReturnCode } from '@app/common';
import { CATEGORY_LABELS, ReportCategory, RESOURCE_CLASS_LABELS, ResourceClass, WORK_ORDER_STATUS_LABELS, WorkOrderStatus } from '@app/ops-contract';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CityConfig } from '../config/city.config';
import { NodeRegistry } from '../core/node-registry';
import { AlertsQuery, PerformanceSummaryQuery, RefusalsQuery, ReportsQuery, ResourcesQuery, WorkOrdersQuery } from './dto/query.dto';
import { computeReportingHealth, LastRefusal, LastReport, NodeHealth } from './reporting-health';

type Row = Record<string, unknown>;

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

/** camelCase keys for snake_case columns; TINYINT(1) flags as booleans. */
function camel(row: Row, flags: readonly string[] = []): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    const key = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    out[key] = flags.includes(k) ? Number(v) === 1 : v;
  }
  return out;
}

const WORK_ORDER_SELECT = `SELECT w.node_code, w.order_id, w.origin, w.subject, w.content, w.origin_unit, w.business_type, w.receiver_unit, w.receiver_feedback,
  w.origin_contact, w.origin_phone, w.receiver_contact, w.receiver_phone, w.status, w.concluded_at, w.ops_level, w.star_rating, w.ops_evaluation,
  w.updated_at, w.created_at, o.state AS delivery_state, o.attempts AS delivery_attempts, o.last_code AS delivery_last_code, o.last_error AS delivery_last_error,
  o.next_attempt_at AS delivery_next_attempt_at, o.delivered_at AS delivery_delivered_at, o.answer_code AS delivery_answer_code
FROM city_work_order w
LEFT JOIN city_work_order_outbox o ON o.id = (SELECT MAX(id) FROM city_work_order_outbox x WHERE x.node_code = w.node_code AND x.order_id = w.order_id)`;

/** The read side of the REST API for city ops monitors (市运维监管). */
@Injectable()
export class MonitorQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: NodeRegistry,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  private range(q: { from?: string; to?: string }): [Date, Date] {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
    if (from > to) throw new AppError(ReturnCode.BAD_PARAMETER, 'from 晚于 to');
    return [from, to];
  }

  async nodes(): Promise<Row[]> {
    const infos = (await this.ds.query('SELECT * FROM city_node_info')) as Row[];
    return this.registry.nodes.map((n) => {
      const info = infos.find((i) => i.node_code === n.nodeCode);
      const nodeInfo = info ? camel(info) : null;
      if (nodeInfo) delete nodeInfo.lastReportId;
      return { nodeCode: n.nodeCode, name: n.name, transport: n.transport, inboundUrl: n.inboundUrl, nodeInfo };
    });
  }

  async resources(nodeCode: string, q: ResourcesQuery): Promise<Row[]> {
    this.registry.get(nodeCode);
    const w = new Where('node_code = ?', nodeCode).opt('resource_class = ?', q.resourceClass);
    if (!q.includeRemoved) w.add('removed = 0');
    const rows = (await this.ds.query(`SELECT * FROM city_resource ${w.sql} ORDER BY resource_class, resource_id`, w.params)) as Row[];
    return rows.map((r) => ({ ...camel(r, ['removed']), resourceClassLabel: RESOURCE_CLASS_LABELS[r.resource_class as ResourceClass] }));
  }

  async subResources(nodeCode: string, resourceId: string, includeRemoved: boolean): Promise<Row[]> {
    this.registry.get(nodeCode);
    const rows = (await this.ds.query(`SELECT * FROM city_sub_resource WHERE node_code = ? AND resource_id = ? ${includeRemoved ? '' : 'AND removed = 0'} ORDER BY sub_resource_id`, [nodeCode, resourceId])) as Row[];
    return rows.map((r) => camel(r, ['removed']));
  }

  async alerts(q: AlertsQuery): Promise<Row[]> {
    const [from, to] = this.range(q);
    const w = new Where('raised_at BETWEEN ? AND ?', from, to).opt('node_code = ?', q.nodeCode).opt('severity = ?', q.severity).opt('status = ?', q.status);
    const rows = (await this.ds.query(`SELECT * FROM city_alert ${w.sql} ORDER BY raised_at DESC LIMIT ?`, [...w.params, q.limit])) as Row[];
    return rows.map((r) => camel(r));
  }

  async workOrders(q: WorkOrdersQuery): Promise<Row[]> {
    const w = new Where().opt('w.status = ?', q.status).opt('w.node_code = ?', q.nodeCode).opt('w.origin = ?', q.origin);
    const rows = (await this.ds.query(`${WORK_ORDER_SELECT} ${w.sql} ORDER BY w.updated_at DESC LIMIT ?`, [...w.params, q.limit])) as Row[];
    return rows.map((r) => this.workOrderView(r));
  }

  async workOrder(nodeCode: string, orderId: string): Promise<Row> {
    const [row] = (await this.ds.query(`${WORK_ORDER_SELECT} WHERE w.node_code = ? AND w.order_id = ?`, [nodeCode, orderId])) as Row[];
    if (!row) throw AppError.notFound(`工单 ${nodeCode}/${orderId} 不存在`);
    return this.workOrderView(row);
  }

  private workOrderView(r: Row): Row {
    const { delivery_state, delivery_attempts, delivery_last_code, delivery_last_error, delivery_next_attempt_at, delivery_delivered_at, delivery_answer_code, ...order } = r;
    const delivery =
      delivery_state === null || delivery_state === undefined
        ? null
        : { state: delivery_state, attempts: delivery_attempts, lastCode: delivery_last_code, lastError: delivery_last_error, nextAttemptAt: delivery_next_attempt_at, deliveredAt: delivery_delivered_at, answerCode: delivery_answer_code };
    return { ...camel(order), statusLabel: WORK_ORDER_STATUS_LABELS[r.status as WorkOrderStatus], delivery };
  }

  async performanceSummary(q: PerformanceSummaryQuery): Promise<Row[]> {
    const [from, to] = this.range(q);
    const w = new Where('sampled_at BETWEEN ? AND ?', from, to).opt('node_code = ?', q.nodeCode).opt('resource_id = ?', q.resourceId).opt('metric = ?', q.metric);
    const rows = (await this.ds.query(
      `SELECT node_code, resource_id, sub_resource_id, metric, MIN(unit) AS unit, MIN(value) AS min, MAX(value) AS max, AVG(value) AS avg, COUNT(*) AS count, MIN(sampled_at) AS first_sampled_at, MAX(sampled_at) AS last_sampled_at
       FROM city_perf_sample ${w.sql} GROUP BY node_code, resource_id, sub_resource_id, metric ORDER BY node_code, resource_id, sub_resource_id, metric LIMIT 10000`,
      w.params,
    )) as Row[];
    return rows.map((r) => ({ ...camel(r), subResourceId: r.sub_resource_id === '' ? null : r.sub_resource_id, min: Number(r.min), max: Number(r.max), avg: Number(r.avg), count: Number(r.count) }));
  }

  async reports(q: ReportsQuery): Promise<Row[]> {
    const w = new Where().opt('node_code = ?', q.nodeCode).opt('category = ?', q.category);
    const rows = (await this.ds.query(
      `SELECT id, node_code, category, mode, message_id, generated_at, item_count, transport, correlation_id, received_at FROM city_report ${w.sql} ORDER BY id DESC LIMIT ?`,
      [...w.params, q.limit],
    )) as Row[];
    return rows.map((r) => ({ ...camel(r), id: Number(r.id), categoryLabel: CATEGORY_LABELS[r.category as ReportCategory] }));
  }

  async report(id: number): Promise<Row> {
    const [row] = (await this.ds.query('SELECT * FROM city_report WHERE id = ?', [id])) as Row[];
    if (!row) throw AppError.notFound(`上报记录 ${id} 不存在`);
    return { ...camel(row), id: Number(row.id), payload: JSON.parse(String(row.payload)) as unknown };
  }

  async refusals(q: RefusalsQuery): Promise<Row[]> {
    const w = new Where().opt('node_code = ?', q.nodeCode).opt('code = ?', q.code);
    const rows = (await this.ds.query(`SELECT * FROM city_refusal ${w.sql} ORDER BY id DESC LIMIT ?`, [...w.params, q.limit])) as Row[];
    return rows.map((r) => ({ ...camel(r, ['sender_verified']), id: Number(r.id) }));
  }

  /** Refusals count in a node's health only when that node's signature verified (sender_verified). */
  async reportingHealth(staleAfterMinutes?: number): Promise<{ staleAfterMs: number; at: Date; nodes: NodeHealth[] }> {
    const now = this.clock.now();
    const staleAfterMs = staleAfterMinutes ? staleAfterMinutes * 60_000 : this.config.REPORT_STALE_AFTER_MS;
    const reports = (await this.ds.query(
      `SELECT r.node_code, r.category, r.message_id, r.received_at, s.n24 FROM city_report r
       JOIN (SELECT node_code, category, MAX(id) AS last_id, SUM(received_at >= ?) AS n24 FROM city_report GROUP BY node_code, category) s ON r.id = s.last_id`,
      [new Date(now.getTime() - 86_400_000)],
    )) as Row[];
    const refusals = (await this.ds.query(
      `SELECT f.node_code, f.category, f.code, f.at FROM city_refusal f
       JOIN (SELECT MAX(id) AS id FROM city_refusal WHERE sender_verified = 1 AND node_code IS NOT NULL GROUP BY node_code, category) m ON f.id = m.id`,
    )) as Row[];
    const lastReports: LastReport[] = reports.map((r) => ({ nodeCode: String(r.node_code), category: String(r.category), messageId: String(r.message_id), receivedAt: r.received_at as Date, reportsLast24h: Number(r.n24) }));
    const lastRefusals: LastRefusal[] = refusals.map((r) => ({ nodeCode: String(r.node_code), category: r.category === null ? null : String(r.category), code: String(r.code), at: r.at as Date }));
    return { staleAfterMs, at: now, nodes: computeReportingHealth(this.registry.nodes, lastReports, lastRefusals, now, staleAfterMs) };
  }
}
