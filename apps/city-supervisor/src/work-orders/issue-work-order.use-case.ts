import { Clock } from '@app/common';
import { WorkOrderStatus } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { chinaDay } from '../core/china-day';
import { NodeRegistry } from '../core/node-registry';
import { UnitOfWork } from '../database/unit-of-work';
import { IssueWorkOrderDto } from './dto/issue-work-order.dto';
import { WorkOrderOutboxRepository } from './work-order-outbox.repository';
import { WorkOrderSignal } from './work-order-signal';
import { WorkOrderRepository } from './work-order.repository';

/**
 * 市级下发工单: the order and its outbox row are written in one transaction; the sender delivers it
 * to the node afterwards. The caller never waits for the district.
 */
@Injectable()
export class IssueWorkOrderUseCase {
  private readonly logger = new Logger('WorkOrders');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly registry: NodeRegistry,
    private readonly signal: WorkOrderSignal,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  async execute(dto: IssueWorkOrderDto, correlationId: string): Promise<{ orderId: string; nodeCode: string; status: WorkOrderStatus; messageId: string }> {
    const node = this.registry.get(dto.nodeCode);
    const now = this.clock.now();
    const day = chinaDay(now);
    const result = await this.uow.run(async (tx) => {
      const orders = tx.get(WorkOrderRepository);
      const orderId = `CITY-WO-${day}-${String(await orders.nextSeq(day)).padStart(6, '0')}`;
      await orders.insertCityOrder({
        nodeCode: node.nodeCode,
        orderId,
        subject: dto.subject,
        content: dto.content,
        originUnit: this.config.CITY_UNIT_NAME,
        businessType: dto.businessType,
        receiverUnit: dto.receiverUnit ?? node.name,
        originContact: dto.originContact,
        originPhone: dto.originPhone,
        status: WorkOrderStatus.PENDING,
        opsLevel: dto.opsLevel,
        at: now,
      });
      // the messageId is the idempotency key at the district: fixed here, the same on every attempt
      const messageId = `${orderId}.ISSUE`;
      await tx.get(WorkOrderOutboxRepository).enqueue(node.nodeCode, orderId, messageId, now, correlationId);
      return { orderId, nodeCode: node.nodeCode, status: WorkOrderStatus.PENDING, messageId };
    });
    this.logger.log({ msg: 'work order issued', ...result });
    this.signal.kick();
    return result;
  }
}
