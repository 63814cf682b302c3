import { Role, Roles } from '@app/accounts';
import { AppError, IntQueryParam, ReturnCode } from '@app/common';
import { CATEGORY_LABELS, REPORT_CATEGORIES, ReportCategory, ReportMode } from '@app/ops-contract';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OpsNodeConfig } from '../config/ops-node.config';
import { toWireOrUndefined } from '../core/wire-time';
import { ReportOutboxRepository } from './report-outbox.repository';
import { ReportScheduler } from './report-scheduler';
import { ReportingStatusDto, ReportOutboxEntryDto, ReportRunResultDto } from './reporting.responses';
import { SendReportsJob } from './send-reports.job';

class RunQuery {
  @ApiPropertyOptional({ enum: ReportMode }) @IsOptional() @IsIn(Object.values(ReportMode)) mode?: ReportMode;
}

class OutboxQuery {
  @ApiPropertyOptional({ enum: ReportCategory }) @IsOptional() @IsIn(REPORT_CATEGORIES) category?: ReportCategory;
  @ApiPropertyOptional({ enum: ['PENDING', 'SENT', 'REFUSED'] }) @IsOptional() @IsIn(['PENDING', 'SENT', 'REFUSED']) state?: string;
  @ApiPropertyOptional() @IntQueryParam(1, 1000) limit?: number;
}

@ApiTags('数据上报 reporting to the city')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/reporting')
export class ReportingController {
  constructor(
    private readonly outbox: ReportOutboxRepository,
    private readonly scheduler: ReportScheduler,
    private readonly sender: SendReportsJob,
    private readonly config: OpsNodeConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '各类数据上报状态：最近成功、最近错误、待发送数量、计划' })
  @ApiOkResponse({ type: ReportingStatusDto })
  async status(): Promise<ReportingStatusDto> {
    const counts = await this.outbox.counts();
    const n = (c: string, s: string) => Number(counts.find((x) => x.category === c && x.state === s)?.n ?? 0);
    const states = await this.outbox.states();
    return {
      transport: this.config.REPORT_TRANSPORT,
      encryption: this.config.REPORT_ENCRYPTION,
      cityUrl: this.config.CITY_URL,
      totals: this.sender.totals,
      categories: states.map((s) => ({
        category: s.category,
        label: CATEGORY_LABELS[s.category],
        schedule: this.config.reportCron(s.category) || null,
        fullSchedule: this.config.REPORT_FULL_CRON || null,
        lastSuccessAt: toWireOrUndefined(s.last_success_at) ?? null,
        lastSuccessMessageId: s.last_success_message_id,
        lastErrorAt: toWireOrUndefined(s.last_error_at) ?? null,
        lastError: s.last_error,
        lastErrorCode: s.last_error_code,
        consecutiveFailures: Number(s.consecutive_failures),
        pending: n(s.category, 'PENDING'),
        sent: n(s.category, 'SENT'),
        refused: n(s.category, 'REFUSED'),
        healthy: Number(s.consecutive_failures) === 0 && n(s.category, 'REFUSED') === 0,
      })),
    };
  }

  @Post(':category/run')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即生成并上报一类数据（默认增量；FULL 为全量）' })
  @ApiOkResponse({ type: ReportRunResultDto })
  async run(@Param('category') category: string, @Query() q: RunQuery): Promise<ReportRunResultDto> {
    if (!REPORT_CATEGORIES.includes(category as ReportCategory))
      throw new AppError(ReturnCode.BAD_PARAMETER_FORMAT, `category must be one of ${REPORT_CATEGORIES.join('/')}`);
    return this.scheduler.run(category as ReportCategory, q.mode ?? ReportMode.INCREMENTAL);
  }

  @Get('outbox')
  @ApiOperation({ summary: '上报发件箱（不含报文内容）' })
  @ApiOkResponse({ type: ReportOutboxEntryDto, isArray: true, description: '按编号倒序' })
  list(@Query() q: OutboxQuery) {
    return this.outbox.list({ category: q.category, state: q.state, limit: q.limit ?? 100 });
  }
}
