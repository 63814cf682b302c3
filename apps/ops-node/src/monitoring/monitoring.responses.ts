import { DEVICE_FAULT_KINDS, DeviceFaultKind } from '../inventory';
import { ApiProperty } from '@nestjs/swagger';

/* The response shapes of the sampling routes (性能采集), declared to Swagger for the generated clients. */

export class SampleDto {
  @ApiProperty({ example: '1024', description: '样本编号（十进制字符串）' }) id: string;
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '子资源编号（资源本身的指标为空串）' }) subResourceId: string;
  @ApiProperty({ example: 'cpu.usage', description: '指标' }) metric: string;
  @ApiProperty({ description: '值' }) value: number;
  @ApiProperty({ example: '%', description: '单位' }) unit: string;
  @ApiProperty({ type: String, format: 'date-time', description: '采样时间' }) sampledAt: Date;
}

export class PushSamplesResultDto {
  @ApiProperty({ description: '入库的样本数' }) stored: number;
  @ApiProperty({ type: [String], description: '由此产生的告警编号' }) fired: string[];
  @ApiProperty({ type: [String], description: '由此恢复的告警编号' }) resolved: string[];
}

export class CollectResultDto {
  @ApiProperty({ description: '本轮采集的样本数' }) samples: number;
  @ApiProperty({ type: [String], description: '本轮产生的告警编号' }) raised: string[];
}

class ActiveFaultDto {
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '子资源编号（资源本身为空串）' }) subResourceId: string;
  @ApiProperty({ enum: DEVICE_FAULT_KINDS, description: '故障：CPU 飙高 / 端口中断 / 设备不可达' }) kind: DeviceFaultKind;
  @ApiProperty({ description: '持续到第几轮采集' }) untilTick: number;
}

export class ActiveFaultsDto {
  @ApiProperty({ type: [ActiveFaultDto], description: '正在生效的模拟故障' }) active: ActiveFaultDto[];
}
