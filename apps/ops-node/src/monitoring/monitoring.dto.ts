import { AlertSeverity, AlertStatus, ResourceClass } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class ThresholdDto {
  @ApiProperty({ description: '指标，例如 cpu.usage、if.status、http.up' }) @Matches(/^[a-z0-9_.]{2,64}$/) metric: string;
  @ApiPropertyOptional({ description: '资源类别（为空表示全部）', enum: ResourceClass }) @IsOptional() @IsIn(Object.values(ResourceClass)) resourceClass?: ResourceClass;
  @ApiPropertyOptional({ description: '资源编号（为空表示全部）' }) @IsOptional() @IsString() resourceId?: string;
  @ApiProperty({ enum: ['>', '>=', '<', '<='] }) @IsIn(['>', '>=', '<', '<=']) comparator: '>' | '>=' | '<' | '<=';
  @ApiProperty({ description: '阈值' }) @IsNumber() value: number;
  @ApiProperty({ description: '告警级别', enum: AlertSeverity }) @IsIn(Object.values(AlertSeverity)) severity: AlertSeverity;
}

export class UpdateThresholdDto {
  @ApiPropertyOptional() @IsOptional() @IsIn(['>', '>=', '<', '<=']) comparator?: '>' | '>=' | '<' | '<=';
  @ApiPropertyOptional() @IsOptional() @IsNumber() value?: number;
  @ApiPropertyOptional({ enum: AlertSeverity }) @IsOptional() @IsIn(Object.values(AlertSeverity)) severity?: AlertSeverity;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class AlertQuery {
  @ApiPropertyOptional({ enum: AlertStatus }) @IsOptional() @IsIn(Object.values(AlertStatus)) status?: AlertStatus;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
}

export class SampleQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() resourceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() metric?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) limit?: number;
}

export class InjectFaultDto {
  @ApiProperty({ description: '资源编号（模拟设备）' }) @IsString() resourceId: string;
  @ApiPropertyOptional({ description: '子资源编号（端口故障时）' }) @IsOptional() @IsString() subResourceId?: string;
  @ApiProperty({ enum: ['cpu-spike', 'port-down'] }) @IsIn(['cpu-spike', 'port-down']) kind: 'cpu-spike' | 'port-down';
  @ApiPropertyOptional({ description: '持续的采集轮数' }) @IsOptional() @IsInt() @Min(1) @Max(1000) rounds?: number;
}
