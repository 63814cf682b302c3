import { Role, Roles } from '@app/accounts';
import { IntQueryParam, IsDateTime, PlainText } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AppMonitoringEntryDto, ProbeNowResultDto, ProbeResultRecordDto, ProbeSettingsSavedDto } from './app-monitoring.responses';
import { AppProbeService } from './app-probe.service';

class ProbeSettingsDto {
  @ApiPropertyOptional({ description: '探测间隔（秒）' }) @IsOptional() @IsInt() @Min(1) @Max(86_400) intervalSeconds?: number;
  @ApiPropertyOptional({ description: '响应缓慢阈值（毫秒）' }) @IsOptional() @IsInt() @Min(1) @Max(600_000) slowMs?: number;
  @ApiPropertyOptional({ description: '超时（毫秒）' }) @IsOptional() @IsInt() @Min(100) @Max(600_000) timeoutMs?: number;
  @ApiPropertyOptional({ description: '探测路径，例如 /health/live' }) @IsOptional() @PlainText() @Matches(/^\/[^\s]{0,255}$/) path?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

class HistoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional() @IntQueryParam(1, 10_000) limit?: number;
}

@ApiTags('应用监控 application monitoring')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/app-monitoring')
export class AppMonitoringController {
  constructor(private readonly probes: AppProbeService) {}

  @Get()
  @ApiOperation({ summary: '业务系统监测总览：名称、URL、响应状态、延时、颜色（绿正常/黄缓慢/红中断）、24小时可用率' })
  @ApiOkResponse({ type: AppMonitoringEntryDto, isArray: true })
  overview() {
    return this.probes.overview();
  }

  @Get(':resourceId/history')
  @ApiOperation({ summary: '业务系统监测历史' })
  @ApiOkResponse({ type: ProbeResultRecordDto, isArray: true, description: '最新在前' })
  history(@Param('resourceId') id: string, @Query() q: HistoryQuery) {
    return this.probes.history(id, q.from ? new Date(q.from) : undefined, q.to ? new Date(q.to) : undefined, q.limit ?? 500);
  }

  @Put(':resourceId')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '设置业务系统的探测间隔、缓慢阈值、超时、路径（立即生效）' })
  @ApiOkResponse({ type: ProbeSettingsSavedDto })
  configure(@Param('resourceId') id: string, @Body() d: ProbeSettingsDto): Promise<ProbeSettingsSavedDto> {
    return this.probes.configure(id, d);
  }

  @Post(':resourceId/probe')
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即探测一次' })
  @ApiOkResponse({ type: ProbeNowResultDto })
  probe(@Param('resourceId') id: string): Promise<ProbeNowResultDto> {
    return this.probes.probeOne(id);
  }
}
