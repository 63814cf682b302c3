import { AppError, Clock, ReturnCode } from '@app/common';
import { CATEGORY_LABELS, ReportCategory, RESOURCE_CLASS_LABELS, ResourceClass, WORK_ORDER_STATUS_LABELS, WorkOrderStatus } from '@app/ops-contract';
import { Inject, Injectable } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { NodeRegistry } from '../core/node-registry';
import { UnitOfWork } from '../database/unit-of-work';
import { AlertsQuery, AlertStatsQuery, PerformanceSummaryQuery, RefusalsQuery, ReportsQuery, ResourcesQuery, WorkOrdersQuery } from './dto/query.dto';
import { MonitorReadRepository, Row } from './monitor-read.repository';
import { AlertStats, foldAlertStats } from './alert-stats';
import { computeReportingHealth, LastRefusal, LastReport, NodeHealth } from './reporting-health';

/** camelCase keys for snake_case columns; TINYINT(1) flags as booleans. */
function camel(row: Row, flags: readonly string[] = []): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    const key = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    out[key] = flags.includes(k) ? Number(v) === 1 : v;
  }
  return out;
}

/** The read side of the REST API for city ops monitors (市运维监管). */
@Injectable()
export class MonitorQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly registry: NodeRegistry,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  private get reads(): MonitorReadRepository {
    return this.uow.autocommit.get(MonitorReadRepository);
  }

  private range(q: { from?: string; to?: string }): [Date, Date] {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
    if (from > to) throw new AppError(ReturnCode.BAD_PARAMETER, 'from 晚于 to');
    return [from, to];
  }

  async nodes(): Promise<Row[]> {
    const infos = await this.reads.nodeInfos();
    return this.registry.nodes.map((n) => {
      const info = infos.find((i) => i.node_code === n.nodeCode);
      const nodeInfo = info ? camel(info) : null;
      if (nodeInfo) delete nodeInfo.lastReportId;
      return { nodeCode: n.nodeCode, name: n.name, transport: n.transport, inboundUrl: n.inboundUrl, nodeInfo };
    });
  }

  async resources(nodeCode: string, q: ResourcesQuery): Promise<Row[]> {
    this.registry.get(nodeCode);
    const rows = await this.reads.resources(nodeCode, q);
    return rows.map((r) => ({ ...camel(r, ['removed']), resourceClassLabel: RESOURCE_CLASS_LABELS[r.resource_class as ResourceClass] }));
  }

  async subResources(nodeCode: string, resourceId: string, includeRemoved: boolean): Promise<Row[]> {
    this.registry.get(nodeCode);
    const rows = await this.reads.subResources(nodeCode, resourceId, includeRemoved);
    return rows.map((r) => camel(r, ['removed']));
  }

  async alerts(q: AlertsQuery): Promise<Row[]> {
    const [from, to] = this.range(q);
    const rows = await this.reads.alerts(from, to, q);
    return rows.map((r) => camel(r));
  }

  /** 告警统计 across the districts (every registered node listed, with 0 when it raised nothing). */
  async alertStats(q: AlertStatsQuery): Promise<AlertStats> {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to) throw new AppError(ReturnCode.BAD_PARAMETER, 'from 应早于 to');
    const bucket = q.bucket ?? (to.getTime() - from.getTime() <= 2 * 86_400_000 ? 'hour' : 'day');
    if (bucket === 'hour' && to.getTime() - from.getTime() > 31 * 86_400_000)
      throw new AppError(ReturnCode.BAD_PARAMETER, '按小时统计的时间范围不能超过 31 天');
    const { groups, overTime, open } = await this.reads.alertCounts(from, to, bucket);
    return foldAlertStats(this.registry.nodes, groups, overTime, { from, to, bucket, open });
  }

  async workOrders(q: WorkOrdersQuery): Promise<Row[]> {
    const rows = await this.reads.workOrders(q);
    return rows.map((r) => this.workOrderView(r));
  }

  async workOrder(nodeCode: string, orderId: string): Promise<Row> {
    const row = await this.reads.workOrder(nodeCode, orderId);
    if (!row) throw AppError.notFound(`工单 ${nodeCode}/${orderId} 不存在`);
    return this.workOrderView(row);
  }

  private workOrderView(r: Row): Row {
    const {
      delivery_state,
      delivery_attempts,
      delivery_last_code,
      delivery_last_error,
      delivery_next_attempt_at,
      delivery_delivered_at,
      delivery_answer_code,
      ...order
    } = r;
    const delivery =
      delivery_state === null || delivery_state === undefined
        ? null
        : {
            state: delivery_state,
            attempts: delivery_attempts,
            lastCode: delivery_last_code,
            lastError: delivery_last_error,
            nextAttemptAt: delivery_next_attempt_at,
            deliveredAt: delivery_delivered_at,
            answerCode: delivery_answer_code,
          };
    return { ...camel(order), statusLabel: WORK_ORDER_STATUS_LABELS[r.status as WorkOrderStatus], delivery };
  }

  async performanceSummary(q: PerformanceSummaryQuery): Promise<Row[]> {
    const [from, to] = this.range(q);
    const rows = await this.reads.performanceSummary(from, to, q);
    return rows.map((r) => ({
      ...camel(r),
      subResourceId: r.sub_resource_id === '' ? null : r.sub_resource_id,
      min: Number(r.min),
      max: Number(r.max),
      avg: Number(r.avg),
      count: Number(r.count),
    }));
  }

  async reports(q: ReportsQuery): Promise<Row[]> {
    const rows = await this.reads.reports(q);
    return rows.map((r) => ({ ...camel(r), id: Number(r.id), categoryLabel: CATEGORY_LABELS[r.category as ReportCategory] }));
  }

  async report(id: number): Promise<Row> {
    const row = await this.reads.report(id);
    if (!row) throw AppError.notFound(`上报记录 ${id} 不存在`);
    return { ...camel(row), id: Number(row.id), payload: JSON.parse(String(row.payload)) as unknown };
  }

  async refusals(q: RefusalsQuery): Promise<Row[]> {
    const rows = await this.reads.refusals(q);
    return rows.map((r) => ({ ...camel(r, ['sender_verified']), id: Number(r.id) }));
  }

  /** Refusals count in a node's health only when that node's signature verified (sender_verified). */
  async reportingHealth(staleAfterMinutes?: number): Promise<{ staleAfterMs: number; at: Date; nodes: NodeHealth[] }> {
    const now = this.clock.now();
    const staleAfterMs = staleAfterMinutes ? staleAfterMinutes * 60_000 : this.config.REPORT_STALE_AFTER_MS;
    const reports = await this.reads.latestReports(new Date(now.getTime() - 86_400_000));
    const refusals = await this.reads.latestVerifiedRefusals();
    const lastReports: LastReport[] = reports.map((r) => ({
      nodeCode: String(r.node_code),
      category: String(r.category),
      messageId: String(r.message_id),
      receivedAt: r.received_at as Date,
      reportsLast24h: Number(r.n24),
    }));
    const lastRefusals: LastRefusal[] = refusals.map((r) => ({
      nodeCode: String(r.node_code),
      category: r.category === null ? null : String(r.category),
      code: String(r.code),
      at: r.at as Date,
    }));
    return { staleAfterMs, at: now, nodes: computeReportingHealth(this.registry.nodes, lastReports, lastRefusals, now, staleAfterMs) };
  }
}
