import { Role, Roles } from '@app/accounts';
import { PositiveIntPipe } from '@app/common';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AlertsQuery,
  AlertStatsQuery,
  PerformanceSummaryQuery,
  RefusalsQuery,
  ReportingHealthQuery,
  ReportsQuery,
  ResourcesQuery,
  SubResourcesQuery,
} from './dto/query.dto';
import {
  CityAlertDto,
  CityAlertStatsDto,
  CityNodeDto,
  PerformanceSummaryDto,
  RefusalDto,
  ReportDetailDto,
  ReportingHealthDto,
  ReportSummaryDto,
  ResourceDto,
  SubResourceDto,
} from './dto/query.responses';
import { MonitorQuery } from './monitor.query';

/** 市运维监管 query API: what the registered district nodes reported, and how their reporting is doing. */
@ApiTags('运维监管查询 monitoring queries')
@Roles(Role.CITY_MONITOR)
@ApiBearerAuth()
@Controller('city/api')
export class MonitorController {
  constructor(private readonly q: MonitorQuery) {}

  @Get('nodes')
  @ApiOkResponse({ type: [CityNodeDto] })
  @ApiOperation({ summary: '已注册的区运维节点及其上报的接入节点信息' })
  nodes() {
    return this.q.nodes();
  }

  @Get('nodes/:nodeCode/resources')
  @ApiOkResponse({ type: [ResourceDto] })
  @ApiOperation({ summary: '节点资源清单（可按资源类别筛选）' })
  @ApiParam({ name: 'nodeCode', description: '运维节点代码' })
  resources(@Param('nodeCode') nodeCode: string, @Query() query: ResourcesQuery) {
    return this.q.resources(nodeCode, query);
  }

  @Get('nodes/:nodeCode/resources/:resourceId/sub-resources')
  @ApiOkResponse({ type: [SubResourceDto] })
  @ApiOperation({ summary: '某资源的子资源（端口、功能入口链接等）' })
  @ApiParam({ name: 'nodeCode', description: '运维节点代码' })
  @ApiParam({ name: 'resourceId', description: '资源编号' })
  subResources(@Param('nodeCode') nodeCode: string, @Param('resourceId') resourceId: string, @Query() query: SubResourcesQuery) {
    return this.q.subResources(nodeCode, resourceId, query.includeRemoved);
  }

  @Get('alerts')
  @ApiOkResponse({ type: [CityAlertDto] })
  @ApiOperation({ summary: '时间范围内的告警（按告警时间，可按节点、级别、状态筛选）' })
  alerts(@Query() query: AlertsQuery) {
    return this.q.alerts(query);
  }

  @Get('alerts/stats')
  @ApiOkResponse({ type: CityAlertStatsDto })
  @ApiOperation({ summary: '告警统计：时间范围内各节点的告警按节点、级别、资源类别与时间段（北京时间）计数' })
  alertStats(@Query() query: AlertStatsQuery) {
    return this.q.alertStats(query);
  }

  @Get('performance/summary')
  @ApiOkResponse({ type: [PerformanceSummaryDto] })
  @ApiOperation({ summary: '性能统计：时间范围内每个节点/资源/子资源/指标的最小、最大、平均值与样本数' })
  performance(@Query() query: PerformanceSummaryQuery) {
    return this.q.performanceSummary(query);
  }

  @Get('reports')
  @ApiOkResponse({ type: [ReportSummaryDto] })
  @ApiOperation({ summary: '上报记录（按节点、类别）' })
  reports(@Query() query: ReportsQuery) {
    return this.q.reports(query);
  }

  @Get('reports/:id')
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiOperation({ summary: '一次上报的完整明文报文' })
  report(@Param('id', PositiveIntPipe) id: number) {
    return this.q.report(id);
  }

  @Get('refusals')
  @ApiOkResponse({ type: [RefusalDto] })
  @ApiOperation({ summary: '被拒绝的上报请求（返回码与原因）' })
  refusals(@Query() query: RefusalsQuery) {
    return this.q.refusals(query);
  }

  @Get('reporting-health')
  @ApiOkResponse({ type: ReportingHealthDto })
  @ApiOperation({ summary: '上报健康度：每个节点每类信息的最近上报、24 小时上报次数、最近拒绝、是否停报' })
  health(@Query() query: ReportingHealthQuery) {
    return this.q.reportingHealth(query.staleAfterMinutes);
  }
}
