import { WorkOrderStatus } from '@app/ops-contract';
import { ApiProperty } from '@nestjs/swagger';

/** What issuing a work order answers: the order is queued; the sender delivers it to the node afterwards. */
export class IssuedWorkOrderDto {
  @ApiProperty({ description: '工单编号', example: 'CITY-WO-20261122-000001' }) orderId!: string;
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ enum: [WorkOrderStatus.PENDING], description: '处理状态（新工单为待受理）' }) status!: WorkOrderStatus;
  @ApiProperty({ description: '下发报文编号（节点据此去重，每次重试相同）', example: 'CITY-WO-20261122-000001.ISSUE' }) messageId!: string;
}
