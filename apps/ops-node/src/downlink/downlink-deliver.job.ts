import { backoffMs, Clock, ReturnCode } from '@app/common';
import { DepartmentConfig, DownlinkDeliveryClient, Topology } from '@app/exchange-contract';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OpsFrontDb, TOPOLOGY } from '../core/core.module';
import { DeliveryRow, DownlinkDeliveryRepository } from './downlink-delivery.repository';
import { OpsFrontRepository } from './ops-front.repository';

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
    private readonly deliveries: DownlinkDeliveryRepository,
    private readonly frontTables: OpsFrontRepository,
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
      const due = await this.deliveries.due(now, 50);
      const lease = new Date(now.getTime() + this.config.NOTIFY_TIMEOUT_MS + 5000);
      const claimed: DeliveryRow[] = [];
      for (const d of due) {
        if (await this.deliveries.claim(d.record_id, now, lease)) claimed.push({ ...d, attempts: d.attempts + 1 });
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
      const answer = await this.client.deliver(
        dept,
        { recordId: d.record_id, sourceNode: d.source_node, dataType: d.data_type, content: parseContent(d.content) },
        correlationId,
      );
      if (answer.code !== ReturnCode.OK && answer.code !== ReturnCode.DUPLICATE) throw new Error(`${answer.code} ${answer.message}`);
      const now = this.clock.now();
      await this.deliveries.markDelivered(d.record_id, now);
      this.totals.delivered++;
      this.logger.log({ msg: 'downlink delivered', recordId: d.record_id, unit: d.target_unit, transport: dept.transport, attempt: d.attempts, correlationId });
      return true;
    } catch (err) {
      const now = this.clock.now();
      const retryAt = new Date(now.getTime() + backoffMs(d.attempts, 500, 60_000));
      await this.deliveries.retryLater(d.record_id, retryAt, (err as Error).message, now);
      this.totals.failedAttempts++;
      this.logger.warn({
        msg: 'downlink delivery failed; will retry',
        recordId: d.record_id,
        unit: d.target_unit,
        attempt: d.attempts,
        err: (err as Error).message,
        correlationId,
      });
      return false;
    }
  }

  /** DELIVERED shadow rows written to the front DB; kept pending while it is down. */
  private async flushShadows(): Promise<void> {
    const rows = await this.deliveries.shadowsOwed(200);
    if (!rows.length) return;
    const front = await this.front.get().catch(() => undefined);
    if (!front) return;
    for (const r of rows) {
      await this.frontTables.writeShadow(front, r.record_id, r.shadow_pending, this.config.NODE_CODE);
      await this.deliveries.shadowWritten(r.record_id, r.shadow_pending);
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
