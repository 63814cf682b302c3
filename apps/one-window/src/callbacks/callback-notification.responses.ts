import { ApiProperty } from '@nestjs/swagger';

/* The answer of the HTTP/JSON callback notification (same fields as the SOAP NotifyCallbackResponse). */

export class CallbackItemResultDto {
  @ApiProperty({ example: '410404-20261122-000001', description: '申报号' }) applyNo: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ enum: ['SUPPLEMENT', 'ACCEPT', 'CONCLUDE'], description: '回调环节：补正补齐 / 受理 / 办结' }) stage: string;
  @ApiProperty({ example: '0000', description: '返回码（docs/return-codes.md）' }) code: string;
  @ApiProperty({ description: '返回信息' }) message: string;
}

export class CallbackNotificationResponseDto {
  @ApiProperty({ example: '0000', description: '总返回码：各项均成功时为 0000，否则为第一项失败的返回码' }) code: string;
  @ApiProperty({ example: '成功', description: '总返回信息' }) message: string;
  @ApiProperty({ type: [CallbackItemResultDto], description: '逐项结果' }) results: CallbackItemResultDto[];
}
