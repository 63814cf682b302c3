import { Clock, ScheduledTick, scheduleTick } from '@app/common';
import { downlinkFromRow, openDownlinkRecord } from '@app/ops-contract';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OpsFrontDb, TOPOLOGY } from '../core/core.module';
import { Topology } from '@app/exchange-contract';
import { OpsKeys } from '../core/ops-keys';
import { DownlinkDeliverJob } from './downlink-deliver.job';
import { DownlinkDeliveryRepository } from './downlink-delivery.repository';
import { OpsFrontRepository } from './ops-front.repository';

const BATCH = 100;

/**
 * Takes what the upstream node wrote into the ops front DB. A record is pending while the shadow table
 * has neither TAKEN nor REJECTED for it; it is claimed with FOR UPDATE SKIP LOCKED (several replicas can
 * scan), copied into our DB (idempotent on recordId) and only then marked TAKEN — a crash in between
 * means the next scan repeats the copy as a no-op, never a loss.
 */
@Injectable()
export class DownlinkScanJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DownlinkScan');
  private task?: ScheduledTick;
  private running = false;
  totals = { taken: 0, rejected: 0, frontDbDown: 0 };

  constructor(
    private readonly deliveries: DownlinkDeliveryRepository,
    private readonly frontTables: OpsFrontRepository,
    private readonly front: OpsFrontDb,
    private readonly keys: OpsKeys,
    private readonly config: OpsNodeConfig,
    private readonly deliver: DownlinkDeliverJob,
    private readonly clock: Clock,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DOWNLINK_SCAN_CRON) this.task = scheduleTick(this.config.DOWNLINK_SCAN_CRON, 'downlink-scan', () => this.runOnce());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  async runOnce(): Promise<{ taken: number; rejected: number }> {
    const out = { taken: 0, rejected: 0 };
    if (this.running) return out;
    this.running = true;
    try {
      const front = await this.front.get().catch((err: Error) => {
        this.totals.frontDbDown++;
        this.logger.warn({ msg: 'ops front DB unavailable; downlink waits', err: err.message });
        return undefined;
      });
      if (!front) return out;
      await front.transaction('READ COMMITTED', async (em) => {
        const rows = await this.frontTables.claimUntaken(em, this.config.DOWNLINK_SCAN_LAG_MS, BATCH);
        for (const row of rows) {
          const rec = downlinkFromRow(row);
          const opened = openDownlinkRecord(rec, this.keys.node, this.keys.national);
          const now = this.clock.now();
          const known = opened.ok && this.topology.departments.some((d) => d.code === rec.targetUnit);
          const state = opened.ok && known ? 'PENDING' : 'REJECTED';
          const reason = !opened.ok ? `cannot open record: ${opened.reason}` : !known ? `unknown unit ${rec.targetUnit}` : null;
          await this.deliveries.insertTaken(
            {
              recordId: rec.recordId,
              sourceNode: rec.sourceNode,
              targetUnit: rec.targetUnit,
              dataType: rec.dataType,
              content: opened.ok ? opened.plaintext.toString('utf8') : null,
              state,
              reason,
            },
            now,
          );
          await this.frontTables.writeShadow(em, rec.recordId, state === 'PENDING' ? 'TAKEN' : 'REJECTED', this.config.NODE_CODE, reason);
          if (state === 'PENDING') out.taken++;
          else {
            out.rejected++;
            this.logger.warn({ msg: 'downlink record rejected', recordId: rec.recordId, reason });
          }
        }
      });
      this.totals.taken += out.taken;
      this.totals.rejected += out.rejected;
      if (out.taken) void this.deliver.runOnce();
    } catch (err) {
      this.logger.error({ msg: 'downlink scan failed', err: (err as Error).message });
    } finally {
      this.running = false;
    }
    return out;
  }
}
