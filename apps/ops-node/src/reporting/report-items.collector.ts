import { ReportCategory, ReportItem } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toWire } from '../core/wire-time';
import { InventoryRepository } from '../inventory';
import { AlertRepository } from '../alerting';
import { NodeInfoService } from '../node-info';
import { WorkOrderRepository } from '../work-orders';

export interface Collected {
  items: ReportItem[];
  /** the watermark after this report (ISO time, or a sample id for PERFORMANCE) */
  watermark: string;
}

/** Rows committed this long ago are safe to pass the watermark: slower commits are caught by the next full report. */
export const COMMIT_LAG_MS = 2000;

/** What goes into a report of each category: everything (FULL) or what changed after the watermark (INCREMENTAL). */
@Injectable()
export class ReportItemsCollector {
  constructor(
    private readonly ds: DataSource,
    private readonly inventory: InventoryRepository,
    private readonly alerts: AlertRepository,
    private readonly orders: WorkOrderRepository,
    private readonly nodeInfo: NodeInfoService,
  ) {}

  async collect(category: ReportCategory, full: boolean, watermark: string | null, now: Date): Promise<Collected> {
    const upper = new Date(now.getTime() - COMMIT_LAG_MS);
    const range = full ? undefined : { from: watermark ? new Date(watermark) : null, to: upper };
    const timeMark = toWire(upper);
    switch (category) {
      case ReportCategory.RESOURCE:
        return { items: await this.inventory.resourceItems(range), watermark: timeMark };
      case ReportCategory.SUB_RESOURCE:
        return { items: await this.inventory.subResourceItems(range), watermark: timeMark };
      case ReportCategory.ALERT:
        return { items: await this.alerts.items(range), watermark: timeMark };
      case ReportCategory.WORK_ORDER:
        return { items: await this.orders.items(range), watermark: timeMark };
      case ReportCategory.NODE_INFO: {
        const [info] = await this.nodeInfo.asReportItems();
        const changed = full || !watermark || new Date(String(info.updatedAt)) > new Date(watermark);
        return { items: changed ? [info] : [], watermark: timeMark };
      }
      case ReportCategory.PERFORMANCE:
        return this.performance(full, watermark, upper);
    }
  }

  /** Samples are append-only: the watermark is the last sample id sent. FULL = the latest value of every series of the last 10 minutes. */
  private async performance(full: boolean, watermark: string | null, upper: Date): Promise<Collected> {
    const [{ maxId }] = (await this.ds.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM perf_sample WHERE inserted_at <= ?', [upper])) as { maxId: string }[];
    const hi = Number(maxId);
    let rows: Record<string, unknown>[];
    if (full) {
      rows = (await this.ds.query(
        `SELECT p.* FROM perf_sample p JOIN (SELECT MAX(id) AS id FROM perf_sample WHERE id <= ? AND sampled_at >= ? GROUP BY resource_id, sub_resource_id, metric) l ON l.id = p.id ORDER BY p.id`,
        [hi, new Date(upper.getTime() - 10 * 60_000)],
      )) as Record<string, unknown>[];
    } else {
      const lo = watermark ? Number(watermark) : 0;
      rows = (await this.ds.query('SELECT * FROM perf_sample WHERE id > ? AND id <= ? ORDER BY id', [lo, hi])) as Record<string, unknown>[];
    }
    const items = rows.map((r) => {
      const item: ReportItem = { resourceId: String(r.resource_id), metric: String(r.metric), value: Number(r.value), unit: String(r.unit) || '-', sampledAt: toWire(r.sampled_at as Date) };
      if (r.sub_resource_id) item.subResourceId = String(r.sub_resource_id);
      return item;
    });
    // a FULL snapshot does not move the watermark: the history behind it still goes out incrementally
    return { items, watermark: full ? (watermark ?? '0') : String(Math.max(hi, watermark ? Number(watermark) : 0)) };
  }
}
