import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { AppError, Clock, PositiveIntPipe, ReturnCode } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertRepository, present } from './alert.repository';
import { SystemLogRepository } from '../system-log';
import { AlertEngineService } from './alert-engine.service';
import { AlertNotifierService } from './alert-notifier.service';
import { AlertStatsRepository } from './alert-stats.repository';
import { AlertActionDto, AlertQuery, NoticeQuery, ParentDto, RuleDto, SilenceDto, SilenceQuery, StatsQuery, UpdateRuleDto } from './alerting.dto';
import { SilenceRepository } from './silence.repository';
import { TopologyRepository } from './topology.repository';


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
  ) {}

  @Get('alert-rules')
  @ApiOperation({ summary: '告警规则列表' })
  rules() {
    return this.engine.listRules();
  }

  @Post('alert-rules')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '新增告警规则（指标或状态、比较符、阈值、恢复阈值、持续时间、级别、重复通知间隔）' })
  createRule(@Body() d: RuleDto, @CurrentAccount() me: Principal) {
    return this.engine.createRule(
      { name: d.name, kind: d.kind ?? 'METRIC', metric: d.metric, resourceClass: d.resourceClass ?? null, resourceId: d.resourceId ?? null, comparator: d.comparator, threshold: d.threshold, recoveryThreshold: d.recoveryThreshold ?? null,
        forSeconds: d.forSeconds ?? 0, severity: d.severity, repeatIntervalSeconds: d.repeatIntervalSeconds ?? 0, marksDown: d.marksDown ?? false, enabled: d.enabled ?? true },
      me.username,
    );
  }

  @Put('alert-rules/:id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '修改告警规则（立即生效；停用或更换监控对象时结束其未恢复告警）' })
  updateRule(@Param('id', PositiveIntPipe) id: number, @Body() d: UpdateRuleDto, @CurrentAccount() me: Principal) {
    return this.engine.updateRule(id, d, me.username);
  }

  @Delete('alert-rules/:id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除告警规则（其未恢复告警随之结束）' })
  deleteRule(@Param('id', PositiveIntPipe) id: number, @CurrentAccount() me: Principal) {
    return this.engine.deleteRule(id, me.username);
  }

  @Get('alerts')
  @ApiOperation({ summary: '告警列表（告警窗口）' })
  list(@Query() q: AlertQuery) {
    return this.alerts.list({ status: q.status, severity: q.severity, resourceId: q.resourceId, resourceClass: q.resourceClass, ruleId: q.ruleId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit: q.limit ?? 200 });
  }

  @Get('alerts/:id')
  @ApiOperation({ summary: '告警详情及其全部状态变化（系统日志）' })
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
  ack(@Param('id') id: string, @Body() d: AlertActionDto, @CurrentAccount() me: Principal) {
    return this.engine.acknowledge(id, me.username, d.comment);
  }

  @Post('alerts/:id/close')
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '关闭告警（已确认或已恢复的告警）' })
  close(@Param('id') id: string, @Body() d: AlertActionDto, @CurrentAccount() me: Principal) {
    return this.engine.close(id, me.username, d.comment);
  }

  @Get('alert-stats')
  @ApiOperation({ summary: '告警统计（按级别、资源类别、资源、时间），用于柱状图和饼图' })
  statistics(@Query() q: StatsQuery) {
    return this.stats.stats(new Date(q.from), new Date(q.to), q.bucket ?? 'day', q.top ?? 10);
  }

  @Get('alert-silences')
  @ApiOperation({ summary: '静默与维护窗口列表' })
  silenceList(@Query() q: SilenceQuery) {
    return this.silences.list(q.includeExpired === 'true', this.clock.now());
  }

  @Post('alert-silences')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '新增静默或维护窗口（到期自动失效）' })
  async silence(@Body() d: SilenceDto, @CurrentAccount() me: Principal) {
    const now = this.clock.now();
    const startsAt = d.startsAt ? new Date(d.startsAt) : now;
    const endsAt = d.endsAt ? new Date(d.endsAt) : d.minutes ? new Date(startsAt.getTime() + d.minutes * 60_000) : undefined;
    if (!endsAt) throw new AppError(ReturnCode.MISSING_PARAMETER, 'endsAt 或 minutes 必须提供其一');
    if (endsAt <= startsAt) throw new AppError(ReturnCode.BAD_PARAMETER, '结束时间必须晚于开始时间');
    if ([d.ruleId, d.resourceId, d.subResourceId, d.metric, d.severity].every((v) => v === undefined)) throw new AppError(ReturnCode.MISSING_PARAMETER, '至少需要一个匹配条件（规则、资源、子资源、指标或级别）');
    const by = me.username;
    const kind = d.kind ?? 'SILENCE';
    const id = await this.silences.create({ kind, ruleId: d.ruleId ?? null, resourceId: d.resourceId ?? null, subResourceId: d.subResourceId ?? null, metric: d.metric ?? null, severity: d.severity ?? null, startsAt, endsAt, reason: d.reason, createdBy: by }, now);
    await this.log.write([{ level: 'INFO', category: 'SILENCE', event: 'SILENCE_CREATED', actor: by, resourceId: d.resourceId ?? null, ruleId: d.ruleId ?? null, message: `${by} 设置${kind === 'MAINTENANCE' ? '维护窗口' : '静默'} #${id}（至 ${endsAt.toISOString()}）：${d.reason}`, detail: { ...d } }], now);
    return this.silences.get(id);
  }

  @Delete('alert-silences/:id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '提前结束静默或维护窗口' })
  async unsilence(@Param('id', PositiveIntPipe) id: number, @CurrentAccount() me: Principal) {
    const now = this.clock.now();
    if (!(await this.silences.cancel(id, now))) throw AppError.notFound(`静默 ${id} 不存在或已失效`);
    await this.log.write([{ level: 'INFO', category: 'SILENCE', event: 'SILENCE_CANCELLED', actor: me.username, message: `${me.username} 提前结束静默 #${id}` }], now);
    return { id, cancelled: true };
  }

  @Get('topology/parents')
  @ApiOperation({ summary: '资源上下游关系（资源位于哪个设备之后），用于告警抑制' })
  async parents() {
    return [...(await this.topology.parents())].map(([resourceId, parentResourceId]) => ({ resourceId, parentResourceId }));
  }

  @Put('topology/parents/:resourceId')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '设置资源的上游设备' })
  async setParent(@Param('resourceId') resourceId: string, @Body() d: ParentDto, @CurrentAccount() me: Principal) {
    if (resourceId === d.parentResourceId) throw new AppError(ReturnCode.BAD_PARAMETER, '资源不能位于自身之后');
    const now = this.clock.now();
    await this.topology.setParent(resourceId, d.parentResourceId, now);
    await this.log.write([{ level: 'INFO', category: 'TOPOLOGY', event: 'PARENT_SET', resourceId, actor: me.username, message: `${resourceId} 位于 ${d.parentResourceId} 之后` }], now);
    return { resourceId, parentResourceId: d.parentResourceId };
  }

  @Delete('topology/parents/:resourceId')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除资源的上游设备' })
  async removeParent(@Param('resourceId') resourceId: string) {
    if (!(await this.topology.removeParent(resourceId))) throw AppError.notFound(`资源 ${resourceId} 没有设置上游设备`);
    return { resourceId, removed: true };
  }

  @Get('alert-notices')
  @ApiOperation({ summary: '告警通知（分组后的通知，供邮件、短信、语音通道发送）' })
  notices(@Query() q: NoticeQuery) {
    return this.notifier.list(q.state, q.limit ?? 100);
  }

  @Post('alert-notices/flush')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行一次通知检查（分组窗口已满的组生成通知）' })
  async flush() {
    await this.notifier.sweep();
    return this.notifier.flush();
  }
}
