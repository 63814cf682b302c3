import { ApiProperty } from '@nestjs/swagger';

/* The response shapes of the dispatch-hold routes (暂停分发), declared to Swagger for the generated clients. */

export class DispatchHoldDto {
  @ApiProperty({ example: 'AMR', description: '部门代码' }) deptCode: string;
  @ApiProperty({ type: String, format: 'date-time', description: '暂停至（到期自动恢复）' }) heldUntil: Date;
  @ApiProperty({ description: '暂停原因' }) reason: string;
  @ApiProperty({ description: '设置暂停的账号（最近一次设置或修改暂停的操作人）' }) heldBy: string;
  @ApiProperty({ type: String, format: 'date-time', description: '暂停时间（本次暂停开始的时刻；修改暂停不改变它）' }) heldSince: Date;
}

export class DispatchHoldRecordDto extends DispatchHoldDto {
  @ApiProperty({ type: String, format: 'date-time', description: '本次暂停开始的时间（同 heldSince）' }) createdAt: Date;
}
