import { NodeLevel } from '@app/ops-contract';
import { ApiProperty } from '@nestjs/swagger';

/* The answer of the node-info routes (接入节点信息), declared to Swagger for the generated clients. */

export class NodeInfoDto {
  @ApiProperty({ example: 'SLQ-410404', description: '节点代码' }) nodeCode: string;
  @ApiProperty({ description: '单位名称' }) unitName: string;
  @ApiProperty({ description: '负责人' }) personInCharge: string;
  @ApiProperty({ description: '负责人电话' }) personPhone: string;
  @ApiProperty({ description: '值班电话' }) dutyPhone: string;
  @ApiProperty({ description: '地址' }) address: string;
  @ApiProperty({ enum: NodeLevel, enumName: 'NodeLevel', description: '节点级别' }) nodeLevel: NodeLevel;
  @ApiProperty({ format: 'date-time', description: '最近修改时间' }) updatedAt: string;
}
