import { AppError, Clock } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { UnitOfWork } from '../database/unit-of-work';
import { NodeInfoService } from '../node-info';
import { CreateWorkOrderDto, WorkOrderActionDto } from './work-order.dto';
import { WorkOrderRepository, WorkOrderRow } from './work-order.repository';
import { EVENT_OF_ACTION, WorkOrderEvent, workOrderMachine } from './work-order-state-machine';

/** 协同工单: raised here or received from the city; every change moves updated_at, so the next incremental WORK_ORDER report carries it to the city. */
@Injectable()
export class WorkOrderService {
  private readonly logger = new Logger('WorkOrders');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WorkOrderRepository,
    private readonly nodeInfo: NodeInfoService,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateWorkOrderDto): Promise<WorkOrderRow> {
    const now = this.clock.now();
    const info = await this.nodeInfo.get();
    const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
    const orderId = `${info.nodeCode}-WO-${stamp}-${randomBytes(3).toString('hex')}`;
    await this.repo.insert(
      {
        order_id: orderId,
        subject: dto.subject,
        content: dto.content,
        origin_unit: info.unitName,
        business_type: dto.businessType,
        receiver_unit: dto.receiverUnit,
        receiver_feedback: null,
        origin_contact: dto.originContact,
        origin_phone: dto.originPhone,
        receiver_contact: dto.receiverContact ?? null,
        receiver_phone: dto.receiverPhone ?? null,
        status: workOrderMachine.next(null, WorkOrderEvent.CREATE),
        concluded_at: null,
        ops_level: dto.opsLevel,
        star_rating: null,
        ops_evaluation: null,
        origin: 'LOCAL',
      },
      now,
    );
    this.logger.log({ msg: 'work order created', orderId });
    return (await this.repo.get(orderId)) as WorkOrderRow;
  }

  async act(orderId: string, dto: WorkOrderActionDto): Promise<WorkOrderRow> {
    return this.uow.run(async (tx) => {
      const o = await tx.get(WorkOrderRepository).get(orderId, true);
      if (!o) throw AppError.notFound(`工单 ${orderId} 不存在`);
      const event = EVENT_OF_ACTION[dto.action];
      const to = workOrderMachine.next(o.status, event, dto);
      const now = this.clock.now();
      const set: Partial<Record<keyof WorkOrderRow, unknown>> = {};
      if (dto.action === 'accept') {
        if (dto.receiverContact) set.receiver_contact = dto.receiverContact;
        if (dto.receiverPhone) set.receiver_phone = dto.receiverPhone;
      }
      if (dto.action === 'feedback' || dto.action === 'conclude') {
        if (dto.feedback) set.receiver_feedback = dto.feedback;
      }
      if (dto.action === 'conclude') set.concluded_at = now;
      if (dto.action === 'evaluate') {
        set.star_rating = dto.starRating;
        set.ops_evaluation = dto.evaluation ?? null;
      }
      await tx.get(WorkOrderRepository).transition(orderId, event, set, now);
      this.logger.log({ msg: 'work order moved', orderId, from: o.status, to });
      return (await tx.get(WorkOrderRepository).get(orderId)) as WorkOrderRow;
    });
  }
}
