import { Clock } from '@app/common';
import { ReportCategory, ReportMessage, ReportMode, validateItem } from '@app/ops-contract';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { OpsNodeConfig } from '../config/ops-node.config';
import { UnitOfWork } from '../database/unit-of-work';
import { toWire } from '../core/wire-time';
import { ReportItemsCollector } from './report-items.collector';
import { ReportOutboxRepository } from './report-outbox.repository';

/** Full reports of these categories replace the city's view, so they are never split across messages. */
const UNSPLITTABLE_FULL = new Set<ReportCategory>([ReportCategory.RESOURCE, ReportCategory.SUB_RESOURCE, ReportCategory.NODE_INFO]);
const MAX_UNSPLIT_ITEMS = 20_000;

export interface EnqueueResult {
  category: ReportCategory;
  mode: ReportMode;
  messages: string[];
  items: number;
}

/**
 * Builds a report of one category and puts it in the durable outbox. The category's state row is
 * locked for the whole step, so two schedulers (or replicas) never build overlapping increments,
 * and the outbox rows and the new watermark commit together: a crash leaves either both or neither.
 */
@Injectable()
export class EnqueueReportUseCase {
  private readonly logger = new Logger('ReportEnqueue');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly collector: ReportItemsCollector,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  async execute(category: ReportCategory, requested: ReportMode): Promise<EnqueueResult> {
    return this.uow.run(async (tx) => {
      const state = await tx.get(ReportOutboxRepository).lockState(category);
      const now = this.clock.now();
      // a category never reported starts with a full report
      const mode = state.watermark === null ? ReportMode.FULL : requested;
      const full = mode === ReportMode.FULL;
      const { items, watermark } = await this.collector.collect(category, full, state.watermark, now);
      await tx.get(ReportOutboxRepository).setWatermark(category, watermark, now);
      if (!full && items.length === 0) return { category, mode, messages: [], items: 0 };
      // validate on our side too: a bad item is our bug, and the city would refuse the whole message
      const bad = items.flatMap((it, i) => validateItem(category, it, `items[${i}]`)).slice(0, 5);
      if (bad.length) throw new Error(`report ${category} has invalid items: ${bad.map((b) => `${b.path} ${b.detail}`).join('; ')}`);
      let size = this.config.REPORT_MAX_ITEMS;
      if (full && UNSPLITTABLE_FULL.has(category)) {
        if (items.length > MAX_UNSPLIT_ITEMS) throw new Error(`full ${category} report of ${items.length} items exceeds ${MAX_UNSPLIT_ITEMS}`);
        size = Math.max(1, items.length);
      }
      const chunks: (typeof items)[] = [];
      for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
      if (!chunks.length) chunks.push([]);
      const stamp = toWire(now).slice(0, 19).replace(/[-T:]/g, '');
      const rows = chunks.map((chunk) => {
        const message: ReportMessage = { nodeCode: this.config.NODE_CODE, category, mode, generatedAt: toWire(now), items: chunk };
        return {
          messageId: `${this.config.NODE_CODE}-${category}-${stamp}-${randomBytes(4).toString('hex')}`,
          category,
          mode,
          itemCount: chunk.length,
          payload: JSON.stringify(message),
        };
      });
      await tx.get(ReportOutboxRepository).enqueue(rows, now);
      this.logger.log({ msg: 'report queued', category, mode, items: items.length, messages: rows.length });
      return { category, mode, messages: rows.map((r) => r.messageId), items: items.length };
    });
  }
}
