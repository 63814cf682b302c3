import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { AppError, Clock, PositiveIntPipe, ReturnCode } from '@app/common';
import { Body, Controller, Delete, Get, Headers, HttpCode, MessageEvent, Param, Post, Put, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { AlertStreamService } from './alert-stream.service';
import { AlertRepository, present } from './alert.repository';
import { SystemLogRepository } from '../system-log';
import { AlertEngineService } from './alert-engine.service';
import { AlertNotifierService } from './alert-notifier.service';
import { AlertStatsRepository } from './alert-stats.repository';
import { AlertActionDto, AlertQuery, NoticeQuery, ParentDto, RuleDto, SilenceDto, SilenceQuery, StatsQuery, UpdateRuleDto } from './alerting.dto';
import {
  AlertDetailDto,
  AlertDto,
  AlertNoticeDto,
  AlertNoticeRecordDto,
  AlertRuleDeletedDto,
  AlertRuleDto,
  AlertStatsDto,
  ParentLinkDto,
  ParentRemovedDto,
  SilenceCancelledDto,
  SilenceViewDto,
} from './alerting.responses';
import { SilenceRepository } from './silence.repository';
import { TopologyRepository } from './topology.repository';
import { SeriesCheck } from './series-check';
import { InventoryRepository } from '../inventory';
import { parentRefusal } from './topology-rules';

@ApiTags('告警 alerts')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api')
export class AlertingController {
  constructor(
    private readonly engine: AlertEngineService,
    private readonly alerts: AlertRepository,
    private readonly notifier: AlertNotifierService,
    private readonly stats: AlertStatsRepository,
    private readonly silences: SilenceRepository,
    private readonly topology: TopologyRepository,
    private readonly log: SystemLogRepository,
    private readonly clock: Clock,
    private readonly live: AlertStreamService,
    private readonly series: SeriesCheck,
    private readonly inventory: InventoryRepository,
  ) {}

  @Sse('alerts/stream')
  @ApiOperation({
    summary: '告警实时推送（Server-Sent Events）：每次告警变化推送一条 alert 事件（数据为告警当前状态），并定时推送 ping 保活',
    description:
      'text/event-stream。事件 `alert` 的 data 是 AlertDto，id 是该变化的时间位置；断线重连时浏览器以 Last-Event-ID 送回，服务端补发此后的变化（可能重复，按告警编号合并）。',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: '上次收到的事件编号（重连时补发此后的变化）' })
  @ApiOkResponse({ type: AlertDto, description: '每个 alert 事件的 data' })
  stream(@Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return this.live.stream(lastEventId).pipe(map((e) => ({ type: e.type, id: e.id, data: e.data })));
  }

  @Get('alert-rules')
  @ApiOperation({ summary: '告警规则列表' })
  @ApiOkResponse({ type: AlertRuleDto, isArray: true })
  rules(): Promise<AlertRuleDto[]> {
    return this.engine.listRules();
  }

  @Post('alert-rules')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '新增告警规则（指标或状态、比较符、阈值、恢复阈值、持续时间、级别、重复通知间隔）' })
  @ApiCreatedResponse({ type: AlertRuleDto })
  async createRule(@Body() d: RuleDto, @CurrentAccount() me: Principal): Promise<AlertRuleDto> {
    await this.series.assert(d.resourceId, d.metric);
    return this.engine.createRule(
      {
        name: d.name,
        kind: d.kind ?? 'METRIC',
        metric: d.metric,
        resourceClass: d.resourceClass ?? null,
        resourceId: d.resourceId ?? null,
        comparator: d.comparator,
        threshold: d.threshold,
        recoveryThreshold: d.recoveryThreshold ?? null,
        forSeconds: d.forSeconds ?? 0,
        severity: d.severity,
        repeatIntervalSeconds: d.repeatIntervalSeconds ?? 0,
        marksDown: d.marksDown ?? false,
        enabled: d.enabled ?? true,
      },
      me.username,
    );
  }

  @Put('alert-rules/:id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '修改告警规则（立即生效；停用或更换监控对象时结束其未恢复告警）' })
  @ApiOkResponse({ type: AlertRuleDto })
  async updateRule(@Param('id', PositiveIntPipe) id: number, @Body() d: UpdateRuleDto, @CurrentAccount() me: Principal): Promise<AlertRuleDto> {
    await this.series.assert('', d.metric);
    return this.engine.updateRule(id, d, me.username);
  }

  @Delete('alert-rules/:id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除告警规则（其未恢复告警随之结束）' })
  @ApiOkResponse({ type: AlertRuleDeletedDto })
  deleteRule(@Param('id', PositiveIntPipe) id: number, @CurrentAccount() me: Principal): Promise<AlertRuleDeletedDto> {
    return this.engine.deleteRule(id, me.username);
  }

  @Get('alerts')
  @ApiOperation({ summary: '告警列表（告警窗口）' })
  @ApiOkResponse({ type: AlertDto, isArray: true, description: '按告警时间倒序' })
  list(@Query() q: AlertQuery) {
    return this.alerts.list({
      status: q.status,
      severity: q.severity,
      resourceId: q.resourceId,
      resourceClass: q.resourceClass,
      ruleId: q.ruleId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit ?? 200,
    });
  }

  @Get('alerts/:id')
  @ApiOperation({ summary: '告警详情及其全部状态变化（系统日志）' })
  @ApiOkResponse({ type: AlertDetailDto })
  async get(@Param('id') id: string) {
    const a = await this.alerts.get(id);
    if (!a) throw AppError.notFound(`告警 ${id} 不存在`);
    // the alert's own lifecycle; its notification steps and deliveries are under /ops/api/notifications?alertId=
    return { ...present(a), history: (await this.log.search({ alertId: id, category: 'ALERT', limit: 500 })).reverse() };
  }

  @Post('alerts/:id/ack')
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '确认告警（停止重复通知）' })
  @ApiOkResponse({ type: AlertDto })
  ack(@Param('id') id: string, @Body() d: AlertActionDto, @CurrentAccount() me: Principal) {
    return this.engine.acknowledge(id, me.username, d.comment);
  }

  @Post('alerts/:id/close')
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '关闭告警（已确认或已恢复的告警）' })
  @ApiOkResponse({ type: AlertDto })
  close(@Param('id') id: string, @Body() d: AlertActionDto, @CurrentAccount() me: Principal) {
    return this.engine.close(id, me.username, d.comment);
  }

  @Get('alert-stats')
  @ApiOperation({ summary: '告警统计（按级别、资源类别、资源、时间），用于柱状图和饼图' })
  @ApiOkResponse({ type: AlertStatsDto })
  statistics(@Query() q: StatsQuery) {
    return this.stats.stats(new Date(q.from), new Date(q.to), q.bucket ?? 'day', q.top ?? 10);
  }

  @Get('alert-silences')
  @ApiOperation({ summary: '静默与维护窗口列表' })
  @ApiOkResponse({ type: SilenceViewDto, isArray: true })
  silenceList(@Query() q: SilenceQuery): Promise<SilenceViewDto[]> {
    return this.silences.list(q.includeExpired === 'true', this.clock.now());
  }

  @Post('alert-silences')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '新增静默或维护窗口（到期自动失效）' })
  @ApiCreatedResponse({ type: SilenceViewDto })
  async silence(@Body() d: SilenceDto, @CurrentAccount() me: Principal) {
    const now = this.clock.now();
    const startsAt = d.startsAt ? new Date(d.startsAt) : now;
    const endsAt = d.endsAt ? new Date(d.endsAt) : d.minutes ? new Date(startsAt.getTime() + d.minutes * 60_000) : undefined;
    if (!endsAt) throw new AppError(ReturnCode.MISSING_PARAMETER, 'endsAt 或 minutes 必须提供其一');
    if (endsAt <= startsAt) throw new AppError(ReturnCode.BAD_PARAMETER, '结束时间必须晚于开始时间');
    if ([d.ruleId, d.resourceId, d.subResourceId, d.metric, d.severity].every((v) => v === undefined))
      throw new AppError(ReturnCode.MISSING_PARAMETER, '至少需要一个匹配条件（规则、资源、子资源、指标或级别）');
    const by = me.username;
    const kind = d.kind ?? 'SILENCE';
    const id = await this.silences.create(
      {
        kind,
        ruleId: d.ruleId ?? null,
        resourceId: d.resourceId ?? null,
        subResourceId: d.subResourceId ?? null,
        metric: d.metric ?? null,
        severity: d.severity ?? null,
        startsAt,
        endsAt,
        reason: d.reason,
        createdBy: by,
      },
      now,
    );
    await this.log.write(
      [
        {
          level: 'INFO',
          category: 'SILENCE',
          event: 'SILENCE_CREATED',
          actor: by,
          resourceId: d.resourceId ?? null,
          ruleId: d.ruleId ?? null,
          message: `${by} 设置${kind === 'MAINTENANCE' ? '维护窗口' : '静默'} #${id}（至 ${endsAt.toISOString()}）：${d.reason}`,
          detail: { ...d },
        },
      ],
      now,
    );
    return this.silences.get(id);
  }

  @Delete('alert-silences/:id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '提前结束静默或维护窗口' })
  @ApiOkResponse({ type: SilenceCancelledDto })
  async unsilence(@Param('id', PositiveIntPipe) id: number, @CurrentAccount() me: Principal): Promise<SilenceCancelledDto> {
    const now = this.clock.now();
    if (!(await this.silences.cancel(id, now))) throw AppError.notFound(`静默 ${id} 不存在或已失效`);
    await this.log.write(
      [{ level: 'INFO', category: 'SILENCE', event: 'SILENCE_CANCELLED', actor: me.username, message: `${me.username} 提前结束静默 #${id}` }],
      now,
    );
    return { id, cancelled: true };
  }

  @Get('topology/parents')
  @ApiOperation({ summary: '资源上下游关系（资源位于哪个设备之后），用于告警抑制' })
  @ApiOkResponse({ type: ParentLinkDto, isArray: true })
  async parents(): Promise<ParentLinkDto[]> {
    return [...(await this.topology.parents())].map(([resourceId, parentResourceId]) => ({ resourceId, parentResourceId }));
  }

  @Put('topology/parents/:resourceId')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '设置资源的上游设备' })
  @ApiOkResponse({ type: ParentLinkDto })
  async setParent(@Param('resourceId') resourceId: string, @Body() d: ParentDto, @CurrentAccount() me: Principal): Promise<ParentLinkDto> {
    const known = await this.inventory.existingIds([resourceId, d.parentResourceId]);
    const refusal = parentRefusal(resourceId, d.parentResourceId, await this.topology.parents(), known);
    if (refusal) throw new AppError(refusal.code, refusal.message, { field: refusal.field });
    const now = this.clock.now();
    await this.topology.setParent(resourceId, d.parentResourceId, now);
    await this.log.write(
      [{ level: 'INFO', category: 'TOPOLOGY', event: 'PARENT_SET', resourceId, actor: me.username, message: `${resourceId} 位于 ${d.parentResourceId} 之后` }],
      now,
    );
    return { resourceId, parentResourceId: d.parentResourceId };
  }

  @Delete('topology/parents/:resourceId')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除资源的上游设备' })
  @ApiOkResponse({ type: ParentRemovedDto })
  async removeParent(@Param('resourceId') resourceId: string): Promise<ParentRemovedDto> {
    if (!(await this.topology.removeParent(resourceId))) throw AppError.notFound(`资源 ${resourceId} 没有设置上游设备`);
    return { resourceId, removed: true };
  }

  @Get('alert-notices')
  @ApiOperation({ summary: '告警通知（分组后的通知，供邮件、短信、语音通道发送）' })
  @ApiOkResponse({ type: AlertNoticeRecordDto, isArray: true, description: '最新在前' })
  notices(@Query() q: NoticeQuery) {
    return this.notifier.list(q.state, q.limit ?? 100);
  }

  @Post('alert-notices/flush')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行一次通知检查（分组窗口已满的组生成通知）' })
  @ApiOkResponse({ type: AlertNoticeDto, isArray: true, description: '本次生成的通知' })
  async flush(): Promise<AlertNoticeDto[]> {
    await this.notifier.sweep();
    return this.notifier.flush();
  }
}
