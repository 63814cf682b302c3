import { ReportCategory, ReportItem } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { toWire } from '../core/wire-time';
import { InventoryRepository } from '../inventory';
import { AlertRepository } from '../alerting';
import { SampleRepository } from '../monitoring';
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
    private readonly samples: SampleRepository,
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
    const hi = await this.samples.maxIdInsertedBy(upper);
    const rows = full
      ? await this.samples.latestPerSeries(hi, new Date(upper.getTime() - 10 * 60_000))
      : await this.samples.idRange(watermark ? Number(watermark) : 0, hi);
    const items = rows.map((r) => {
      const item: ReportItem = {
        resourceId: String(r.resource_id),
        metric: String(r.metric),
        value: Number(r.value),
        unit: String(r.unit) || '-',
        sampledAt: toWire(r.sampled_at as Date),
      };
      if (r.sub_resource_id) item.subResourceId = String(r.sub_resource_id);
      return item;
    });
    // a FULL snapshot does not move the watermark: the history behind it still goes out incrementally
    return { items, watermark: full ? (watermark ?? '0') : String(Math.max(hi, watermark ? Number(watermark) : 0)) };
  }
}
