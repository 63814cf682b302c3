import { DEVICE_FAULT_KINDS, DeviceFaultKind } from '../inventory';
import { IntQueryParam, IsDateTime, Label, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { METRIC_PATTERN, RESOURCE_ID_PATTERN } from '../shared/sample-patterns';

export class SampleQuery {
  @ApiPropertyOptional() @IsOptional() @PlainText() @IsString() resourceId?: string;
  @ApiPropertyOptional() @IsOptional() @PlainText() @IsString() metric?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional() @IntQueryParam(1, 10000) limit?: number;
}

export class PushSampleDto {
  @ApiProperty({ description: '资源编号' }) @PlainText() @Matches(RESOURCE_ID_PATTERN) resourceId: string;
  @ApiPropertyOptional({ description: '子资源编号（端口等）' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) subResourceId?: string;
  @ApiProperty({ description: '指标，例如 cpu.usage' }) @PlainText() @Matches(METRIC_PATTERN) metric: string;
  @ApiProperty({ description: '数值' }) @IsNumber({ allowNaN: false, allowInfinity: false }) value: number;
  @ApiPropertyOptional({ description: '单位' }) @IsOptional() @PlainText() @IsString() @MaxLength(16) unit?: string;
  @ApiPropertyOptional({ description: '采集时间（ISO 8601），缺省为接收时间' }) @IsOptional() @IsDateTime() sampledAt?: string;
}

export class PushSamplesDto {
  @ApiProperty({ type: [PushSampleDto] })
  @Label('性能样本')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => PushSampleDto)
  samples: PushSampleDto[];
}

export class InjectFaultDto {
  @ApiProperty({ description: '资源编号（模拟设备）' }) @PlainText() @IsString() resourceId: string;
  @ApiPropertyOptional({ description: '子资源编号（端口故障时）' }) @IsOptional() @PlainText() @IsString() subResourceId?: string;
  @ApiProperty({ enum: DEVICE_FAULT_KINDS, description: '故障类型：CPU 飙高 / 端口中断 / 设备不可达' })
  @Label('故障类型')
  @IsIn(DEVICE_FAULT_KINDS)
  kind: DeviceFaultKind;
  @ApiPropertyOptional({ description: '持续的采集轮数' }) @IsOptional() @IsInt() @Min(1) @Max(1000) rounds?: number;
}
