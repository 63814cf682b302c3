import { ApiProperty } from '@nestjs/swagger';

/* The response shapes of the application-monitoring routes (应用监控), declared to Swagger for the generated clients. */

const PROBE_STATES = ['UP', 'SLOW', 'DOWN'];

export class ProbeSettingsViewDto {
  @ApiProperty({ description: '探测间隔（秒）' }) intervalSeconds: number;
  @ApiProperty({ description: '缓慢阈值（毫秒）' }) slowMs: number;
  @ApiProperty({ description: '超时（毫秒）' }) timeoutMs: number;
  @ApiProperty({ example: '/', description: '探测路径' }) path: string;
  @ApiProperty({ description: '启用探测' }) enabled: boolean;
}

class ProbeSettingsStateDto extends ProbeSettingsViewDto {
  @ApiProperty({ description: '已单独设置（否则为默认值）' }) customised: boolean;
}

export class AppMonitoringEntryDto {
  @ApiProperty({ description: '资源编号（业务系统）' }) resourceId: string;
  @ApiProperty({ description: '业务系统名称' }) name: string;
  @ApiProperty({ description: '访问地址' }) url: string;
  @ApiProperty({ enum: PROBE_STATES, nullable: true, description: '最近状态：正常 / 缓慢 / 中断（未检测时为空）' }) state: 'UP' | 'SLOW' | 'DOWN' | null;
  @ApiProperty({ example: '正常', description: '状态名称' }) stateLabel: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red', 'grey'], description: '颜色：绿正常 / 黄缓慢 / 红中断 / 灰未检测' }) colour: string;
  @ApiProperty({ type: Number, nullable: true, description: '最近响应状态码' }) httpStatus: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '最近延时（毫秒）' }) latencyMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: '最近错误' }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最近探测时间' }) checkedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true, description: '24 小时可用率（%）' }) availability24h: number | null;
  @ApiProperty({ description: '24 小时探测次数' }) probes24h: number;
  @ApiProperty({ type: ProbeSettingsStateDto, description: '探测设置' }) settings: ProbeSettingsStateDto;
  @ApiProperty({ type: String, nullable: true, description: '不探测的原因（URL 不在允许的主机、端口内），探测时为空' }) probeRefused: string | null;
}

export class ProbeResultRecordDto {
  @ApiProperty({ type: String, format: 'date-time', description: '探测时间' }) checkedAt: Date;
  @ApiProperty({ enum: PROBE_STATES, description: '状态：正常 / 缓慢 / 中断' }) state: string;
  @ApiProperty({ type: Number, nullable: true, description: '响应状态码' }) httpStatus: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '延时（毫秒）' }) latencyMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: '错误' }) error: string | null;
}

export class ProbeSettingsSavedDto extends ProbeSettingsViewDto {
  @ApiProperty({ description: '资源编号（业务系统）' }) resourceId: string;
}

export class ProbeNowResultDto {
  @ApiProperty({ enum: PROBE_STATES, description: '状态：正常 / 缓慢 / 中断' }) state: 'UP' | 'SLOW' | 'DOWN';
  @ApiProperty({ type: Number, nullable: true, description: '响应状态码' }) httpStatus: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '延时（毫秒）' }) latencyMs: number | null;
  @ApiProperty({ description: '由此记录的样本数' }) samples: number;
  @ApiProperty({ type: [String], description: '由此产生的告警编号' }) raised: string[];
}
