import { backoffMs, Clock, ReturnCode } from '@app/common';
import { PeerCallError } from '@app/exchange-contract';
import { isPermanentRefusal, sealSecureMessage } from '@app/ops-contract';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OpsKeys } from '../core/ops-keys';
import { UnitOfWork } from '../database/unit-of-work';
import { CityClient } from './city-client';
import { OutboxRow, ReportOutboxRepository } from './report-outbox.repository';

/**
 * Drains the report outbox: each attempt re-signs the message (fresh timestamp and nonce, same
 * messageId), so a retry after a long city outage is not refused as stale. A timeout or a 5xxx is
 * "unknown" and retried with backoff; the city's idempotency on messageId makes the retry harmless.
 * A permanent refusal (bad key, invalid payload) stops that message and shows on the category.
 */
@Injectable()
export class SendReportsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReportSender');
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  totals = { sent: 0, failedAttempts: 0, refused: 0 };

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: ReportOutboxRepository,
    private readonly city: CityClient,
    private readonly keys: OpsKeys,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.drain().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.config.REPORT_POLL_MS);
      });
    };
    this.timer = setTimeout(tick, this.config.REPORT_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.city.close();
  }

  /** Sends until nothing is due. Returns how many messages were settled. */
  async drain(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let settled = 0;
    try {
      for (;;) {
        const rows = await this.outbox.claimHeads(this.clock.now(), this.config.REPORT_TIMEOUT_MS + 5000);
        if (!rows.length) break;
        const results = await Promise.all(rows.map((r) => this.sendOne(r)));
        settled += results.filter(Boolean).length;
        if (!results.some(Boolean)) break;
      }
    } catch (err) {
      this.logger.error({ msg: 'report sender round failed', err: (err as Error).message });
    } finally {
      this.running = false;
    }
    return settled;
  }

  private async sendOne(row: OutboxRow): Promise<boolean> {
    const correlationId = randomUUID();
    const c = this.config;
    try {
      const msg = sealSecureMessage(
        { nodeCode: c.NODE_CODE, category: row.category, mode: row.mode as never, messageId: row.message_id, plaintext: Buffer.from(row.payload, 'utf8') },
        this.keys.node,
        this.keys.province,
        { encryption: c.REPORT_ENCRYPTION, cipherMode: c.REPORT_CIPHER_MODE, cipherFormat: c.REPORT_CIPHER_FORMAT },
        this.clock.now(),
      );
      const res = await (await this.city.get()).send(msg, correlationId);
      if (res.code !== ReturnCode.OK && res.code !== ReturnCode.DUPLICATE)
        throw new PeerCallError('fault', `city answered ${res.code} ${res.message}`, res.code);
      if (c.FAULT_CRASH_POINT === 'after-report-send') process.kill(process.pid, 'SIGKILL');
      const sentAt = this.clock.now();
      await this.uow.run((tx) => tx.get(ReportOutboxRepository).markSent(row, sentAt));
      this.totals.sent++;
      this.logger.log({
        msg: 'report delivered',
        category: row.category,
        messageId: row.message_id,
        items: row.item_count,
        code: res.code,
        attempt: row.attempts,
        correlationId,
      });
      return true;
    } catch (err) {
      const e = err as Error & { code?: string; kind?: string };
      const permanent = err instanceof PeerCallError && e.kind === 'fault' && isPermanentRefusal(e.code);
      const now = this.clock.now();
      const retryAt = permanent
        ? null
        : new Date(
            now.getTime() +
              (e.code === ReturnCode.REPLAYED || e.code === ReturnCode.TIMESTAMP_OUT_OF_WINDOW
                ? 0
                : backoffMs(row.attempts, 500, this.config.REPORT_BACKOFF_MAX_MS)),
          );
      await this.uow
        .run((tx) => tx.get(ReportOutboxRepository).markFailed(row, now, { message: e.message, code: e.code }, retryAt))
        .catch((dbErr: Error) => this.logger.error({ msg: 'could not record report failure', err: dbErr.message }));
      if (permanent) this.totals.refused++;
      else this.totals.failedAttempts++;
      this.logger.warn({
        msg: permanent ? 'report refused by the city' : 'report attempt failed; will retry',
        category: row.category,
        messageId: row.message_id,
        code: e.code,
        kind: e.kind,
        err: e.message,
        attempt: row.attempts,
        correlationId,
      });
      return permanent;
    }
  }
}
