import { AppError, Clock, ReturnCode } from '@app/common';
import { openSecureMessage, ReportCategory, SubmitResult, wireTimestamp } from '@app/ops-contract';
import { Injectable, Logger } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { OpsKeys } from '../core/ops-keys';
import { UnitOfWork } from '../database/unit-of-work';
import { WorkOrderRepository, WorkOrderService } from '../work-orders';
import { InboundRepository } from './inbound.repository';

const MAX_SKEW_MS = 5 * 60_000;

/**
 * Secure messages from the city (collaborative work orders sent down). Verified and decrypted with the
 * same pipeline the city uses for our reports; applied once per messageId.
 */
@Injectable()
export class ReceiveCityMessageUseCase {
  private readonly logger = new Logger('CityInbound');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbound: InboundRepository,
    private readonly config: OpsNodeConfig,
    private readonly keys: OpsKeys,
    private readonly clock: Clock,
    private readonly orders: WorkOrderService,
  ) {}

  async execute(raw: unknown, transport: 'soap' | 'http', correlationId: string): Promise<SubmitResult> {
    const opened = await openSecureMessage(raw, {
      senderKey: (code) => (code === this.config.CITY_NODE_CODE ? this.keys.city : undefined),
      recipientKey: this.keys.node,
      rememberNonce: (node, nonce, ts) => this.inbound.rememberNonce(node, nonce, ts),
      now: () => this.clock.now(),
      maxSkewMs: MAX_SKEW_MS,
    });
    const { params, message } = opened;
    if (params.category !== ReportCategory.WORK_ORDER)
      throw new AppError(ReturnCode.CATEGORY_MISMATCH, 'a district accepts only WORK_ORDER messages from the city');
    const now = this.clock.now();
    const receivedAt = wireTimestamp(now);
    const applied = await this.uow.run(async (tx) => {
      if (!(await tx.get(InboundRepository).recordMessage({ senderNode: params.nodeCode, messageId: params.messageId, category: params.category }, now)))
        return false;
      for (const it of message.items) {
        const o = this.orders.cityOrder({
          order_id: String(it.orderId),
          subject: String(it.subject),
          content: String(it.content),
          origin_unit: String(it.originUnit),
          business_type: String(it.businessType),
          receiver_unit: String(it.receiverUnit),
          origin_contact: String(it.originContact),
          origin_phone: String(it.originPhone),
          receiver_contact: it.receiverContact === undefined ? null : String(it.receiverContact),
          receiver_phone: it.receiverPhone === undefined ? null : String(it.receiverPhone),
          ops_level: Number(it.opsLevel),
        });
        if (await tx.get(WorkOrderRepository).insert(o, now)) await this.orders.recordReceived(tx, o.order_id, now);
        else await tx.get(WorkOrderRepository).amendFromCity(o, now);
      }
      return true;
    });
    // nonces only matter inside the timestamp window; forget older ones a little at a time
    await this.inbound.forgetNoncesBefore(new Date(now.getTime() - 2 * MAX_SKEW_MS));
    this.logger.log({
      msg: applied ? 'city message applied' : 'city message already applied',
      messageId: params.messageId,
      items: message.items.length,
      transport,
      correlationId,
    });
    return { code: applied ? ReturnCode.OK : ReturnCode.DUPLICATE, message: applied ? '成功' : '重复消息，已处理', messageId: params.messageId, receivedAt };
  }
}
