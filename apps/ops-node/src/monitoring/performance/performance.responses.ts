import { ApiProperty } from '@nestjs/swagger';

/*
 * The response shapes of the performance routes (性能数据、汇总、采集间隔、后台任务), declared to
 * Swagger for the generated clients. A series answers raw points or aggregated buckets depending on
 * its resolution; the operation declares both shapes (oneOf).
 */

export class RawPointDto {
  @ApiProperty({ type: String, format: 'date-time', description: '采样时间' }) t: Date;
  @ApiProperty({ description: '值' }) value: number;
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '子资源编号（资源本身为空串）' }) subResourceId: string;
}

export class AggregatePointDto {
  @ApiProperty({ type: String, format: 'date-time', description: '时间段起点' }) t: Date;
  @ApiProperty({ description: '平均值' }) avg: number;
  @ApiProperty({ description: '最小值' }) min: number;
  @ApiProperty({ description: '最大值' }) max: number;
  @ApiProperty({ description: '样本数' }) count: number;
}

export class RawSeriesDto {
  @ApiProperty({ enum: ['raw'], description: '粒度：原始数据' }) resolution: 'raw';
  @ApiProperty({ type: String, nullable: true, description: '单位' }) unit: string | null;
  @ApiProperty({ description: '点数达到上限，已截断' }) truncated: boolean;
  @ApiProperty({ type: [RawPointDto] }) points: RawPointDto[];
}

export class AggregateSeriesDto {
  @ApiProperty({ enum: ['5m', '1h', '1d'], description: '粒度：5 分钟 / 1 小时 / 1 天' }) resolution: '5m' | '1h' | '1d';
  @ApiProperty({ type: String, nullable: true, description: '单位' }) unit: string | null;
  @ApiProperty({ description: '总为 false（汇总数据不截断）' }) truncated: boolean;
  @ApiProperty({ type: [AggregatePointDto] }) points: AggregatePointDto[];
}

class SummaryPeriodDto {
  @ApiProperty({ example: '2026-W47', description: '周期名称' }) label: string;
  @ApiProperty({ type: String, format: 'date-time', description: '周期起点' }) start: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '周期终点（不含）' }) end: Date;
  @ApiProperty({ description: '样本数' }) count: number;
  @ApiProperty({ type: Number, nullable: true, description: '平均值（无样本时为空）' }) avg: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '最小值' }) min: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '最大值' }) max: number | null;
  @ApiProperty({ description: '总和' }) sum: number;
}

export class PerformanceSummaryDto {
  @ApiProperty({ enum: ['week', 'month', 'quarter'], description: '汇总周期：周 / 月 / 季度' }) period: 'week' | 'month' | 'quarter';
  @ApiProperty({ type: String, nullable: true, description: '单位' }) unit: string | null;
  @ApiProperty({ type: [SummaryPeriodDto] }) periods: SummaryPeriodDto[];
}

export class LatestValueDto {
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '子资源编号（资源本身为空串）' }) subResourceId: string;
  @ApiProperty({ description: '指标' }) metric: string;
  @ApiProperty({ description: '最新值' }) value: number;
  @ApiProperty({ description: '单位' }) unit: string;
  @ApiProperty({ type: String, format: 'date-time', description: '采样时间' }) sampledAt: Date;
}

class IntervalSettingDto {
  @ApiProperty({ description: '资源编号（空串为所有资源）' }) resourceId: string;
  @ApiProperty({ description: '指标（空串为所有指标）' }) metric: string;
  @ApiProperty({ description: '采集间隔（秒）' }) intervalSeconds: number;
  @ApiProperty({ type: String, format: 'date-time', description: '修改时间' }) updatedAt: Date;
}

export class IntervalListDto {
  @ApiProperty({ description: '默认采集间隔（秒）' }) defaultSeconds: number;
  @ApiProperty({ type: [IntervalSettingDto], description: '按资源、按指标的设置' }) settings: IntervalSettingDto[];
}

export class IntervalSetDto {
  @ApiProperty({ type: String, nullable: true, description: '资源编号（未指定为空）' }) resourceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '指标（未指定为空）' }) metric: string | null;
  @ApiProperty({ description: '采集间隔（秒）' }) intervalSeconds: number;
}

export class IntervalDeletedDto {
  @ApiProperty({ description: '已删除' }) deleted: boolean;
}

export class RollupRunResultDto {
  @ApiProperty({ description: '按指定范围标记为待重算的时间段数' }) marked: number;
  @ApiProperty({ description: '汇总的时间段数' }) buckets: number;
  @ApiProperty({ description: '写入的汇总行数' }) rows: number;
}

export class JobRunDto {
  @ApiProperty({ description: '执行编号' }) id: number;
  @ApiProperty({ enum: ['rollup', 'retention'], description: '任务：汇总 / 数据保留' }) job: 'rollup' | 'retention';
  @ApiProperty({ type: String, format: 'date-time', description: '开始时间' }) startedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '结束时间' }) finishedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true, description: '耗时（毫秒）' }) durationMs: number | null;
  @ApiProperty({ enum: ['OK', 'FAILED'], description: '结果' }) status: 'OK' | 'FAILED';
  @ApiProperty({ description: '影响行数' }) rowsAffected: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '明细（各表删除行数等）' }) detail: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: '错误' }) error: string | null;
}

class RollupTotalsDto {
  @ApiProperty({ description: '自启动以来执行次数' }) runs: number;
  @ApiProperty({ description: '自启动以来汇总的时间段数' }) buckets: number;
  @ApiProperty({ description: '自启动以来失败次数' }) failures: number;
  @ApiProperty({ type: String, nullable: true, description: '最近错误' }) lastError: string | null;
}

class RollupStatusDto {
  @ApiProperty({ type: String, format: 'date-time', description: '已汇总至' }) horizon: Date;
  @ApiProperty({ description: '滞后（秒）' }) lagSeconds: number;
  @ApiProperty({ type: RollupTotalsDto }) totals: RollupTotalsDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最近成功时间' }) lastOkAt: Date | null;
  @ApiProperty({ type: [JobRunDto], description: '最近 10 次执行' }) recent: JobRunDto[];
}

class RetentionStatusDto {
  @ApiProperty({ description: '执行间隔（秒）' }) intervalSeconds: number;
  @ApiProperty({ type: JobRunDto, nullable: true, description: '最近一次执行' }) lastRun: JobRunDto | null;
  @ApiProperty({ type: JobRunDto, nullable: true, description: '最近一次成功执行' }) lastSuccess: JobRunDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最早的原始样本时间' }) oldestRawSampleAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', description: '原始样本保留截止时间' }) rawCutoff: Date;
  @ApiProperty({ description: '数据保留滞后' }) behind: boolean;
  @ApiProperty({ type: [String], description: '滞后原因' }) reasons: string[];
  @ApiProperty({ description: '正常' }) healthy: boolean;
  @ApiProperty({ type: [JobRunDto], description: '最近 10 次执行' }) recent: JobRunDto[];
}

export class JobStatusDto {
  @ApiProperty({ type: RollupStatusDto, description: '汇总任务' }) rollup: RollupStatusDto;
  @ApiProperty({ type: RetentionStatusDto, description: '数据保留任务' }) retention: RetentionStatusDto;
}
