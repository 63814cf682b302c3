import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as cron from 'node-cron';
import { DataSource } from 'typeorm';
import { OneWindowConfig } from '../config/one-window.config';
import { ApplicationState } from './application.entity';

const BATCH = 500;

/**
 * Abandoned drafts (受理登记 never submitted, or a 补正补齐 version never resubmitted) are expired
 * after DRAFT_EXPIRE_HOURS without activity — no registration, upload or new version of the
 * current version in that time: state DRAFT → EXPIRED with expired_at and the reason, which the
 * timeline shows. Replicas are safe (SKIP LOCKED, and the UPDATE re-checks the state); ticks
 * never overlap. The same job forgets Idempotency-Keys older than the same period.
 */
@Injectable()
export class DraftExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DraftExpiryJob.name);
  private task?: cron.ScheduledTask;
  private running = false;

  constructor(
    private readonly ds: DataSource,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task = cron.schedule(this.config.DRAFT_EXPIRE_CRON, () => this.runOnce().then(() => undefined, (err: Error) => this.logger.warn({ msg: 'draft expiry failed; retried on the next tick', err: err.message })), { noOverlap: true, name: 'draft-expiry' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
  }

  /** Returns the 申报号 expired in this run. */
  async runOnce(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    try {
      const hours = this.config.DRAFT_EXPIRE_HOURS;
      const reason = `草稿超过 ${hours} 小时未提交，已自动作废`;
      const expired: string[] = [];
      for (;;) {
        const batch = await this.ds.transaction('READ COMMITTED', async (em) => {
          const rows = (await em.query(
            `SELECT a.apply_no AS applyNo FROM application a
             WHERE a.state = ? AND a.updated_at < NOW(3) - INTERVAL ? HOUR
               AND NOT EXISTS (SELECT 1 FROM application_version v WHERE v.apply_no = a.apply_no AND v.version = a.current_version AND v.created_at >= NOW(3) - INTERVAL ? HOUR)
               AND NOT EXISTS (SELECT 1 FROM application_material m WHERE m.apply_no = a.apply_no AND m.version = a.current_version AND m.uploaded_at >= NOW(3) - INTERVAL ? HOUR)
             ORDER BY a.state, a.updated_at LIMIT ? FOR UPDATE SKIP LOCKED`,
            [ApplicationState.DRAFT, hours, hours, hours, BATCH],
          )) as { applyNo: string }[];
          if (rows.length === 0) return [];
          const ids = rows.map((r) => r.applyNo);
          await em.query('UPDATE application SET state = ?, expired_at = NOW(3), expire_reason = ? WHERE apply_no IN (?) AND state = ?', [ApplicationState.EXPIRED, reason, ids, ApplicationState.DRAFT]);
          return ids;
        });
        expired.push(...batch);
        if (batch.length < BATCH) break;
      }
      if (expired.length > 0) this.logger.log({ msg: 'abandoned drafts expired', count: expired.length, applyNos: expired.slice(0, 50), hours });
      await this.ds.query('DELETE FROM registration_idempotency WHERE created_at < NOW(3) - INTERVAL ? HOUR LIMIT 5000', [hours]);
      return expired;
    } finally {
      this.running = false;
    }
  }
}
