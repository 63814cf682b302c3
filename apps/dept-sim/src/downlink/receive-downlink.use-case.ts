import { ReturnCode } from '@app/common';
import { DownlinkAnswer, DownlinkDelivery } from '@app/exchange-contract';
import { Injectable, Logger } from '@nestjs/common';
import { SimDepartment } from '../core/sim-departments';
import { DownlinkInbox } from './downlink-inbox';

/** A unit receives data forwarded by the ops node; a redelivery of the same recordId is acknowledged, not stored twice. */
@Injectable()
export class ReceiveDownlinkUseCase {
  private readonly logger = new Logger('Downlink');

  constructor(private readonly inbox: DownlinkInbox) {}

  async execute(dept: SimDepartment, d: DownlinkDelivery, via: 'soap' | 'http'): Promise<DownlinkAnswer> {
    const fresh = this.inbox.receive(dept.code, { recordId: d.recordId, dataType: d.dataType, sourceNode: d.sourceNode, content: d.content, via });
    this.logger.log({ msg: fresh ? 'downlink data received' : 'downlink data received again', dept: dept.code, recordId: d.recordId, via });
    return Promise.resolve({ code: fresh ? ReturnCode.OK : ReturnCode.DUPLICATE, message: fresh ? '成功' : '重复下发，已接收', recordId: d.recordId });
  }
}
