import { IsDateTime, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { METRIC_PATTERN, RESOURCE_ID_PATTERN } from '../../shared/sample-patterns';
import { PERIODS, Period, Resolution, RESOLUTIONS } from './time-buckets';

export class SeriesQuery {
  @ApiProperty({ description: '指标' }) @PlainText() @Matches(METRIC_PATTERN) metric: string;
  @ApiPropertyOptional({ description: '资源编号（为空表示该指标的全部资源，整体统计）' })
  @IsOptional()
  @PlainText()
  @Matches(RESOURCE_ID_PATTERN)
  resourceId?: string;
  @ApiPropertyOptional({ description: "子资源编号；缺省为资源本身，'*' 表示全部子资源" })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  subResourceId?: string;
  @ApiProperty() @IsDateTime() from: string;
  @ApiProperty() @IsDateTime() to: string;
  @ApiPropertyOptional({ enum: ['auto', ...RESOLUTIONS], description: '粒度：原始、5分钟、1小时、1天；auto 按时间范围自动选择' })
  @IsOptional()
  @IsIn(['auto', ...RESOLUTIONS])
  resolution?: Resolution | 'auto';
}

export class SummaryQuery extends SeriesQuery {
  @ApiProperty({ enum: PERIODS, description: '按周、月、季度汇总' }) @IsIn(PERIODS) period: Period;
}

export class IntervalDto {
  @ApiPropertyOptional({ description: '资源编号（为空表示全部资源）' }) @IsOptional() @PlainText() @Matches(RESOURCE_ID_PATTERN) resourceId?: string;
  @ApiPropertyOptional({ description: '指标（为空表示全部指标）' }) @IsOptional() @PlainText() @Matches(METRIC_PATTERN) metric?: string;
  @ApiProperty({ description: '采集间隔（秒），0 表示不采集' }) @IsInt() @Min(0) @Max(86_400) intervalSeconds: number;
}

export class IntervalKeyQuery {
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(RESOURCE_ID_PATTERN) resourceId?: string;
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(METRIC_PATTERN) metric?: string;
}

export class RollupRunDto {
  @ApiPropertyOptional({ description: '重新计算此范围内的全部桶（从原始数据）' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional({ description: '也计算尚未结束的桶' }) @IsOptional() @IsBoolean() includeOpen?: boolean;
}
