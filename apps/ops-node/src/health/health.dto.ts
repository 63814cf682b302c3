import { DB_STATE } from '@app/common';
import { ApiProperty } from '@nestjs/swagger';

/** Totals of the report sender since the process started. */
export class ReportingTotalsDto {
  @ApiProperty({ description: '已被市级接收的报文' }) sent!: number;
  @ApiProperty({ description: '失败的发送尝试' }) failedAttempts!: number;
  @ApiProperty({ description: '被市级拒收的报文' }) refused!: number;
}

/** Totals of the sampling scheduler since the process started. */
export class SamplingTotalsDto {
  @ApiProperty() rounds!: number;
  @ApiProperty() ticks!: number;
  @ApiProperty() samples!: number;
  @ApiProperty() alertsRaised!: number;
  @ApiProperty() errors!: number;
}

/** Totals of the downlink scan since the process started. */
export class DownlinkTotalsDto {
  @ApiProperty({ description: '取走的下行记录' }) taken!: number;
  @ApiProperty({ description: '拒收的下行记录' }) rejected!: number;
  @ApiProperty({ description: '运维前置库不可用的轮次' }) frontDbDown!: number;
}

/** GET /health of the ops node: 503 when the ops node DB or the ops front DB is down. */
export class OpsHealthDto {
  @ApiProperty({ enum: ['up', 'degraded'] }) status!: 'up' | 'degraded';
  @ApiProperty(DB_STATE) opsDb!: string;
  @ApiProperty(DB_STATE) frontDb!: string;
  @ApiProperty({ type: ReportingTotalsDto }) reporting!: ReportingTotalsDto;
  @ApiProperty({ type: SamplingTotalsDto }) sampling!: SamplingTotalsDto;
  @ApiProperty({ type: DownlinkTotalsDto }) downlink!: DownlinkTotalsDto;
}
