import { ApiProperty } from '@nestjs/swagger';

export class DownlinkWrittenDto {
  @ApiProperty({ description: '目标运维节点代码' }) nodeCode!: string;
  @ApiProperty({ type: [String], description: '写入前置库的下发记录编号' }) recordIds!: string[];
}

export class DownlinkEventDto {
  @ApiProperty({ enum: ['TAKEN', 'DELIVERED', 'REJECTED'], description: '影子表事件：TAKEN 已取走、DELIVERED 已转发、REJECTED 已拒收' }) event!:
    'TAKEN' | 'DELIVERED' | 'REJECTED';
  @ApiProperty({ description: '操作方' }) operator!: string;
  @ApiProperty({ type: String, nullable: true, description: '说明' }) detail!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: '事件时间' }) at!: string;
}

export class DownlinkRecordDto {
  @ApiProperty({ description: '下发记录编号' }) recordId!: string;
  @ApiProperty({ description: '来源节点（上级节点代码）' }) sourceNode!: string;
  @ApiProperty({ description: '转发目标单位' }) targetUnit!: string;
  @ApiProperty({ description: '数据类型' }) dataType!: string;
  @ApiProperty({ type: String, format: 'date-time', description: '写入时间' }) createdAt!: string;
  @ApiProperty({ type: [DownlinkEventDto], description: '区运维节点写入影子表的事件（按时间）' }) events!: DownlinkEventDto[];
  @ApiProperty({ enum: ['WRITTEN', 'TAKEN', 'DELIVERED', 'REJECTED'], description: '最新的影子表事件；节点尚未取走时为 WRITTEN' }) state!:
    'WRITTEN' | 'TAKEN' | 'DELIVERED' | 'REJECTED';
}
