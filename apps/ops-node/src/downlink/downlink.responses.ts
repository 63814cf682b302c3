import { ApiProperty } from '@nestjs/swagger';

/* The response shapes of the downlink routes (上级下发), declared to Swagger for the generated clients. */

class DownlinkScanTotalsDto {
  @ApiProperty({ description: '自启动以来取用的下发记录数' }) taken: number;
  @ApiProperty({ description: '自启动以来拒收的下发记录数' }) rejected: number;
  @ApiProperty({ description: '运维前置库不可用的扫描次数' }) frontDbDown: number;
}

class DownlinkDeliverTotalsDto {
  @ApiProperty({ description: '自启动以来转发成功数' }) delivered: number;
  @ApiProperty({ description: '自启动以来转发失败的尝试次数' }) failedAttempts: number;
}

class DownlinkTotalsDto {
  @ApiProperty({ type: DownlinkScanTotalsDto }) scan: DownlinkScanTotalsDto;
  @ApiProperty({ type: DownlinkDeliverTotalsDto }) deliver: DownlinkDeliverTotalsDto;
}

export class DownlinkRecordDto {
  @ApiProperty({ description: '下发记录编号' }) recordId: string;
  @ApiProperty({ description: '来源节点' }) sourceNode: string;
  @ApiProperty({ description: '目标单位' }) targetUnit: string;
  @ApiProperty({ description: '数据类型' }) dataType: string;
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'REJECTED'], description: '状态：待转发 / 已转发 / 已拒收' }) state: string;
  @ApiProperty({ type: String, nullable: true, description: '拒收或失败原因' }) reason: string | null;
  @ApiProperty({ description: '转发尝试次数' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', description: '取用时间' }) takenAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '转发成功时间' }) deliveredAt: Date | null;
}

export class DownlinkOverviewDto {
  @ApiProperty({ type: DownlinkTotalsDto, description: '扫描与转发计数（自启动以来）' }) totals: DownlinkTotalsDto;
  @ApiProperty({ type: [DownlinkRecordDto], description: '最近 500 条记录' }) records: DownlinkRecordDto[];
}

export class DownlinkScanResultDto {
  @ApiProperty({ description: '本次取用的记录数' }) taken: number;
  @ApiProperty({ description: '本次拒收的记录数' }) rejected: number;
  @ApiProperty({ description: '本次转发成功数' }) delivered: number;
}
