import { WorkOrderStatus } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * A work order as the REST API shows it (协同工单): the city report's fields, which leave out what is
 * not set (never null), plus its origin and creation time.
 */

export class WorkOrderDto {
  @ApiProperty({ description: '工单编号' }) orderId: string;
  @ApiProperty({ description: '工单标题' }) subject: string;
  @ApiProperty({ description: '工单内容' }) content: string;
  @ApiProperty({ description: '发起单位' }) originUnit: string;
  @ApiProperty({ description: '业务类型' }) businessType: string;
  @ApiProperty({ description: '接收单位' }) receiverUnit: string;
  @ApiPropertyOptional({ description: '接收方反馈' }) receiverFeedback?: string;
  @ApiProperty({ description: '发起人' }) originContact: string;
  @ApiProperty({ description: '发起人电话' }) originPhone: string;
  @ApiPropertyOptional({ description: '接收方联系人' }) receiverContact?: string;
  @ApiPropertyOptional({ description: '接收方联系电话' }) receiverPhone?: string;
  @ApiProperty({ enum: WorkOrderStatus, enumName: 'WorkOrderStatus', description: '处理状态' }) status: WorkOrderStatus;
  @ApiPropertyOptional({ format: 'date-time', description: '办结时间' }) concludedAt?: string;
  @ApiProperty({ description: '运维级别' }) opsLevel: number;
  @ApiPropertyOptional({ description: '评价星级' }) starRating?: number;
  @ApiPropertyOptional({ description: '运维评价' }) opsEvaluation?: string;
  @ApiProperty({ format: 'date-time', description: '最近修改时间' }) updatedAt: string;
  @ApiProperty({ enum: ['LOCAL', 'CITY'], description: '来源：本节点发起 / 市级下发' }) origin: 'LOCAL' | 'CITY';
  @ApiProperty({ format: 'date-time', description: '创建时间' }) createdAt: string;
}
