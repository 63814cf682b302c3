import { ApiProperty } from '@nestjs/swagger';

/** SubmitResult of the ops report contract (docs/ops-report-contract.md): the answer to an accepted report. */
export class SubmitResultDto {
  @ApiProperty({ enum: ['0000', '0001'], description: '返回码：0000 已接收，0001 此前已接收（不重复入库）' }) code!: string;
  @ApiProperty({ description: '返回码说明' }) message!: string;
  @ApiProperty({ description: '报文编号' }) messageId!: string;
  @ApiProperty({ description: '接收时间（ISO 8601，北京时间 +08:00）', example: '2026-11-22T10:00:01.234+08:00' }) receivedAt!: string;
}
