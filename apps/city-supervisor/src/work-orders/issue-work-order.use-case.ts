import { Clock, retryTransient } from '@app/common';
import { WorkOrderStatus } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CityConfig } from '../config/city.config';
import { NodeRegistry } from '../core/node-registry';
import { IssueWorkOrderDto } from './dto/issue-work-order.dto';
import { WorkOrderSignal } from './work-order-signal';

/** yyyymmdd in the +08:00 zone */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * 市级下发工单: the order and its outbox row are written in one transaction; the sender delivers it
 * to the node afterwards. The caller never waits for the district.
 */
@Injectable()
export class IssueWorkOrderUseCase {
  private readonly logger = new Logger('WorkOrders');

  constructor(
    private readonly ds: DataSource,
    private readonly registry: NodeRegistry,
    private readonly signal: WorkOrderSignal,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  async execute(dto: IssueWorkOrderDto, correlationId: string): Promise<{ orderId: string; nodeCode: string; status: WorkOrderStatus; messageId: string }> {
    const node = this.registry.get(dto.nodeCode);
    const now = this.clock.now();
    const result = await retryTransient(() =>
      this.ds.transaction(async (em) => {
        const orderId = `CITY-WO-${chinaDay(now)}-${String(await this.nextSeq(em, chinaDay(now))).padStart(6, '0')}`;
        await em.query(
          `INSERT INTO city_work_order (node_code, order_id, origin, subject, content, origin_unit, business_type, receiver_unit, origin_contact, origin_phone, status, ops_level, updated_at, created_at)
           VALUES (?, ?, 'CITY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [node.nodeCode, orderId, dto.subject, dto.content, this.config.CITY_UNIT_NAME, dto.businessType, dto.receiverUnit ?? node.name, dto.originContact, dto.originPhone, WorkOrderStatus.PENDING, dto.opsLevel, now, now],
        );
        // the messageId is the idempotency key at the district: fixed here, the same on every attempt
        const messageId = `${orderId}.ISSUE`;
        await em.query("INSERT INTO city_work_order_outbox (node_code, order_id, message_id, state, next_attempt_at, correlation_id) VALUES (?, ?, ?, 'PENDING', ?, ?)", [
          node.nodeCode,
          orderId,
          messageId,
          now,
          correlationId.slice(0, 64),
        ]);
        return { orderId, nodeCode: node.nodeCode, status: WorkOrderStatus.PENDING, messageId };
      }),
    );
    this.logger.log({ msg: 'work order issued', ...result });
    this.signal.kick();
    return result;
  }

  /** CITY-WO-<day>-<seq>: one counter row per day, incremented under its row lock. */
  private async nextSeq(em: EntityManager, day: string): Promise<number> {
    await em.query('INSERT INTO city_work_order_seq (day, seq) VALUES (?, 1) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)', [day]);
    const [row] = (await em.query('SELECT seq FROM city_work_order_seq WHERE day = ?', [day])) as { seq: number }[];
    return Number(row.seq);
  }
}
