import { ApiProperty } from '@nestjs/swagger';

/* The receipt for a secure message from the city (市级下发), declared to Swagger for the generated clients. */

export class CityMessageReceiptDto {
  @ApiProperty({ enum: ['0000', '0001'], description: '返回码：0000 成功，0001 重复消息（已处理）' }) code: string;
  @ApiProperty({ example: '成功', description: '返回信息' }) message: string;
  @ApiProperty({ description: '报文编号' }) messageId: string;
  @ApiProperty({ format: 'date-time', description: '接收时间（北京时间）' }) receivedAt: string;
}
