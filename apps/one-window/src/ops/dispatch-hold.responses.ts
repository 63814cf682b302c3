import { ApiProperty } from '@nestjs/swagger';

/* The response shapes of the dispatch-hold routes (暂停分发), declared to Swagger for the generated clients. */

export class DispatchHoldDto {
  @ApiProperty({ example: 'AMR', description: '部门代码' }) deptCode: string;
  @ApiProperty({ type: String, format: 'date-time', description: '暂停至（到期自动恢复）' }) heldUntil: Date;
  @ApiProperty({ description: '暂停原因' }) reason: string;
  @ApiProperty({ description: '设置暂停的账号' }) heldBy: string;
}

export class DispatchHoldRecordDto extends DispatchHoldDto {
  @ApiProperty({ type: String, format: 'date-time', description: '首次设置暂停的时间' }) createdAt: Date;
}
