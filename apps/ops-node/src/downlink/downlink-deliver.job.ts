import { backoffMs, Clock, ReturnCode } from '@app/common';
import { DepartmentConfig, DownlinkDeliveryClient, Topology } from '@app/exchange-contract';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OpsFrontDb, TOPOLOGY } from '../core/core.module';

interface DeliveryRow {
  record_id: string;
  source_node: string;
  target_unit: string;
  data_type: string;
  content: string;
  attempts: number;
}

/**
 * Forwards taken downlink records to the unit each names (a department of the exchange, over its
 * configured transport: SOAP DeliverDownlink or HTTP/JSON) and records
 * DELIVERED in our DB and in the front DB's shadow table. A unit that is down only delays delivery:
 * retries back off up to a minute and continue until it answers.
 */
@Injectable()
export class DownlinkDeliverJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DownlinkDeliver');
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  totals = { delivered: 0, failedAttempts: 0 };
  private readonly client: DownlinkDeliveryClient;

  constructor(
    private readonly ds: DataSource,
    private readonly front: OpsFrontDb,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {
    this.client = new DownlinkDeliveryClient(config.NOTIFY_TIMEOUT_MS);
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.runOnce().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.config.DOWNLINK_DELIVER_POLL_MS);
      });
    };
    this.timer = setTimeout(tick, this.config.DOWNLINK_DELIVER_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.client.close();
  }

  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let delivered = 0;
    try {
      const now = this.clock.now();
      const due = (await this.ds.query("SELECT record_id, source_node, target_unit, data_type, content, attempts FROM downlink_delivery WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY taken_at LIMIT 50", [now])) as DeliveryRow[];
      const lease = new Date(now.getTime() + this.config.NOTIFY_TIMEOUT_MS + 5000);
      const claimed: DeliveryRow[] = [];
      for (const d of due) {
        const r = (await this.ds.query("UPDATE downlink_delivery SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE record_id = ? AND state = 'PENDING' AND next_attempt_at <= ?", [lease, now, d.record_id, now])) as { affectedRows: number };
        if (r.affectedRows) claimed.push({ ...d, attempts: d.attempts + 1 });
      }
      const results = await Promise.all(claimed.map((d) => this.deliverOne(d)));
      delivered = results.filter(Boolean).length;
      await this.flushShadows();
    } catch (err) {
      this.logger.error({ msg: 'downlink delivery round failed', err: (err as Error).message });
    } finally {
      this.running = false;
    }
    return delivered;
  }

  private async deliverOne(d: DeliveryRow): Promise<boolean> {
    const dept = this.topology.departments.find((x) => x.code === d.target_unit) as DepartmentConfig;
    const correlationId = randomUUID();
    try {
      // over the transport the department chose for the exchange (SOAP DeliverDownlink or HTTP/JSON)
      const answer = await this.client.deliver(dept, { recordId: d.record_id, sourceNode: d.source_node, dataType: d.data_type, content: parseContent(d.content) }, correlationId);
      if (answer.code !== ReturnCode.OK && answer.code !== ReturnCode.DUPLICATE) throw new Error(`${answer.code} ${answer.message}`);
      const now = this.clock.now();
      await this.ds.query("UPDATE downlink_delivery SET state = 'DELIVERED', delivered_at = ?, reason = NULL, shadow_pending = 'DELIVERED', updated_at = ? WHERE record_id = ?", [now, now, d.record_id]);
      this.totals.delivered++;
      this.logger.log({ msg: 'downlink delivered', recordId: d.record_id, unit: d.target_unit, transport: dept.transport, attempt: d.attempts, correlationId });
      return true;
    } catch (err) {
      const now = this.clock.now();
      const retryAt = new Date(now.getTime() + backoffMs(d.attempts, 500, 60_000));
      await this.ds.query('UPDATE downlink_delivery SET next_attempt_at = ?, reason = ?, updated_at = ? WHERE record_id = ?', [retryAt, (err as Error).message.slice(0, 500), now, d.record_id]);
      this.totals.failedAttempts++;
      this.logger.warn({ msg: 'downlink delivery failed; will retry', recordId: d.record_id, unit: d.target_unit, attempt: d.attempts, err: (err as Error).message, correlationId });
      return false;
    }
  }

  /** DELIVERED shadow rows written to the front DB; kept pending while it is down. */
  private async flushShadows(): Promise<void> {
    const rows = (await this.ds.query('SELECT record_id, shadow_pending FROM downlink_delivery WHERE shadow_pending IS NOT NULL LIMIT 200')) as { record_id: string; shadow_pending: string }[];
    if (!rows.length) return;
    const front = await this.front.get().catch(() => undefined);
    if (!front) return;
    for (const r of rows) {
      await front.query('INSERT IGNORE INTO dl_shadow (record_id, event, operator) VALUES (?,?,?)', [r.record_id, r.shadow_pending, this.config.NODE_CODE]);
      await this.ds.query('UPDATE downlink_delivery SET shadow_pending = NULL WHERE record_id = ? AND shadow_pending = ?', [r.record_id, r.shadow_pending]);
    }
  }
}

function parseContent(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
