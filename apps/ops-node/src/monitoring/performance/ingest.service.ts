import { AppError, Clock, ReturnCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AlertEngineService } from '../../alerting';
import { EvalSample } from '../../alerting';
import { OpsNodeConfig } from '../../config/ops-node.config';
import { UnitOfWork } from '../../database/unit-of-work';
import { SampleRepository } from '../sample.repository';
import { impossibleValue } from './sample-rules';

export interface IngestResult {
  stored: number;
  fired: string[];
  resolved: string[];
  /** store (samples + dirty marks committed) and alert evaluation (transitions committed) wall times */
  storeMs: number;
  evalMs: number;
}

/** Every sample enters here, whoever collected it: stored (with its rollup bucket marked), then run through the alert rules. */
@Injectable()
export class IngestService {
  totals = { batches: 0, samples: 0 };

  constructor(
    private readonly uow: UnitOfWork,
    private readonly alerts: AlertEngineService,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  async ingest(batch: EvalSample[]): Promise<IngestResult> {
    if (!batch.length) return { stored: 0, fired: [], resolved: [], storeMs: 0, evalMs: 0 };
    const now = this.clock.now();
    // older than raw retention would be deleted at once and could shrink an already rolled-up bucket
    const oldest = now.getTime() - (this.config.RAW_RETENTION_DAYS - 1) * 86_400_000;
    const newest = now.getTime() + 5 * 60_000;
    const bad = batch.find((s) => !Number.isFinite(s.value) || s.sampledAt.getTime() < oldest || s.sampledAt.getTime() > newest);
    if (bad)
      throw new AppError(
        ReturnCode.BAD_PARAMETER,
        `样本 ${bad.resourceId} ${bad.metric} 的数值或采集时间不在可接受范围内（最早 ${this.config.RAW_RETENTION_DAYS - 1} 天前，最晚 5 分钟后）`,
      );
    for (const s of batch) {
      const why = impossibleValue(s);
      if (why) throw new AppError(ReturnCode.BAD_PARAMETER, `样本 ${s.resourceId} ${s.metric} 的数值不可能：${why}`, { field: 'value' });
    }
    const t0 = performance.now();
    await this.uow.run((tx) => tx.get(SampleRepository).insert(batch, now));
    const t1 = performance.now();
    const r = await this.alerts.evaluate(batch);
    const t2 = performance.now();
    this.totals.batches++;
    this.totals.samples += batch.length;
    return { stored: batch.length, fired: r.fired, resolved: r.resolved, storeMs: t1 - t0, evalMs: t2 - t1 };
  }
}
