import { Role, Roles } from '@app/accounts';
import { AppError, Clock, ReturnCode } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { SampleRepository } from '../sample.repository';
import { SamplerService } from '../sampler.service';
import { JobRunRepository } from './job-run.repository';
import { PerformanceQueryService } from './performance-query.service';
import { IntervalDto, IntervalKeyQuery, RollupRunDto, SeriesQuery, SummaryQuery } from './performance.dto';
import {
  AggregateSeriesDto,
  IntervalDeletedDto,
  IntervalListDto,
  IntervalSetDto,
  JobRunDto,
  JobStatusDto,
  LatestValueDto,
  PerformanceSummaryDto,
  RawSeriesDto,
  RollupRunResultDto,
} from './performance.responses';
import { RetentionService } from './retention.service';
import { RollupRepository, SeriesFilter } from './rollup.repository';
import { RollupService } from './rollup.service';
import { SamplingIntervalRepository } from './sampling-interval.repository';

const MAX_RANGE_MS = 400 * 86_400_000;

function filterOf(q: SeriesQuery): SeriesFilter {
  return {
    metric: q.metric,
    resourceId: q.resourceId,
    subResourceId: q.subResourceId === '*' ? undefined : (q.subResourceId ?? (q.resourceId ? '' : undefined)),
  };
}

function range(q: { from: string; to: string }): [Date, Date] {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (to <= from) throw new AppError(ReturnCode.BAD_PARAMETER, '结束时间必须晚于开始时间');
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw new AppError(ReturnCode.BAD_PARAMETER, '时间范围不能超过 400 天');
  return [from, to];
}

@ApiTags('性能监管 performance')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/performance')
export class PerformanceController {
  constructor(
    private readonly query: PerformanceQueryService,
    private readonly samples: SampleRepository,
    private readonly sampler: SamplerService,
    private readonly intervals: SamplingIntervalRepository,
    private readonly rollup: RollupService,
    private readonly rollups: RollupRepository,
    private readonly retention: RetentionService,
    private readonly jobs: JobRunRepository,
    private readonly clock: Clock,
  ) {}

  @Get('series')
  @ApiOperation({ summary: '性能曲线数据（按时间范围自动选择原始/5分钟/1小时/1天粒度，含最小、最大、平均）' })
  @ApiExtraModels(RawSeriesDto, AggregateSeriesDto)
  @ApiOkResponse({
    description: '原始粒度为各样本点，其余粒度为各时间段的汇总',
    schema: { oneOf: [{ $ref: getSchemaPath(RawSeriesDto) }, { $ref: getSchemaPath(AggregateSeriesDto) }] },
  })
  series(@Query() q: SeriesQuery) {
    const [from, to] = range(q);
    return this.query.series(filterOf(q), from, to, q.resolution ?? 'auto');
  }

  @Get('summary')
  @ApiOperation({ summary: '按周、月、季度汇总（平均值 = 总和 / 样本数，精确）' })
  @ApiOkResponse({ type: PerformanceSummaryDto })
  summary(@Query() q: SummaryQuery) {
    const [from, to] = range(q);
    return this.query.summary(filterOf(q), q.period, from, to);
  }

  @Get('latest/:resourceId')
  @ApiOperation({ summary: '资源各项指标的最新值' })
  @ApiOkResponse({ type: LatestValueDto, isArray: true, description: '最近一小时内每个指标、子资源的最新样本' })
  latest(@Param('resourceId') resourceId: string) {
    return this.samples.latest(resourceId, new Date(this.clock.now().getTime() - 3_600_000));
  }

  @Get('intervals')
  @ApiOperation({ summary: '采集间隔设置（默认值及按资源、按指标的设置）' })
  @ApiOkResponse({ type: IntervalListDto })
  async intervalList(): Promise<IntervalListDto> {
    return { defaultSeconds: (await this.sampler.reloadIntervals()).defaultSeconds, settings: await this.intervals.list() };
  }

  @Put('intervals')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '设置采集间隔（按资源、按指标或两者；立即生效，无需重启）' })
  @ApiOkResponse({ type: IntervalSetDto })
  async setInterval(@Body() d: IntervalDto): Promise<IntervalSetDto> {
    await this.sampler.setInterval({ resourceId: d.resourceId ?? '', metric: d.metric ?? '', intervalSeconds: d.intervalSeconds });
    return { resourceId: d.resourceId ?? null, metric: d.metric ?? null, intervalSeconds: d.intervalSeconds };
  }

  @Delete('intervals')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除采集间隔设置（恢复上一级设置）' })
  @ApiOkResponse({ type: IntervalDeletedDto })
  async clearInterval(@Query() q: IntervalKeyQuery): Promise<IntervalDeletedDto> {
    if (!(await this.sampler.clearInterval(q.resourceId ?? '', q.metric ?? ''))) throw AppError.notFound('没有这条采集间隔设置');
    return { deleted: true };
  }

  @Post('rollups/run')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行汇总（可指定范围从原始数据重新计算）' })
  @ApiOkResponse({ type: RollupRunResultDto })
  async runRollup(@Body() d: RollupRunDto): Promise<RollupRunResultDto> {
    let marked = 0;
    if (d.from || d.to) {
      const now = this.clock.now();
      marked = await this.rollups.markDirtyRange(d.from ? new Date(d.from) : new Date(0), d.to ? new Date(d.to) : now, now);
    }
    return { marked, ...(await this.rollup.run({ includeOpen: d.includeOpen === true })) };
  }

  @Post('retention/run')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行一次数据保留（分批删除过期数据）' })
  @ApiOkResponse({ type: JobRunDto, description: '本次执行记录' })
  runRetention(): Promise<JobRunDto> {
    return this.retention.run();
  }

  @Get('jobs')
  @ApiOperation({ summary: '后台任务状态：汇总进度、数据保留（最近执行、删除行数、耗时、错误、是否滞后）' })
  @ApiOkResponse({ type: JobStatusDto })
  async jobStatus(): Promise<JobStatusDto> {
    const now = this.clock.now();
    const horizon = await this.rollups.horizon(now);
    return {
      rollup: {
        horizon,
        lagSeconds: Math.max(0, Math.round((now.getTime() - horizon.getTime()) / 1000)),
        totals: this.rollup.totals,
        lastOkAt: this.rollup.lastOkAt,
        recent: await this.jobs.recent('rollup', 10),
      },
      retention: { ...(await this.retention.status()), recent: await this.jobs.recent('retention', 10) },
    };
  }
}
