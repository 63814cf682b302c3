import { Role, Roles } from '@app/accounts';
import { IntQueryParam, IsDateTime, Label, PlainText } from '@app/common';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOG_CATEGORIES, SystemLogRepository } from './system-log.repository';
import { SystemLogEntryDto } from './system-log.responses';

class SystemLogQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional({ enum: LOG_CATEGORIES }) @IsOptional() @IsIn(LOG_CATEGORIES) category?: string;
  @ApiPropertyOptional({ description: '事件，例如 ALERT_FIRING、ALERT_RESOLVED' }) @IsOptional() @PlainText() @IsString() @MaxLength(32) event?: string;
  @ApiPropertyOptional({ enum: ['INFO', 'WARN', 'ERROR'] }) @Label('日志级别') @IsOptional() @IsIn(['INFO', 'WARN', 'ERROR']) level?: string;
  @ApiPropertyOptional() @IsOptional() @PlainText() @IsString() @MaxLength(64) alertId?: string;
  @ApiPropertyOptional() @IsOptional() @PlainText() @IsString() @MaxLength(64) resourceId?: string;
  @ApiPropertyOptional({ description: '翻页：只返回编号小于此值的记录' }) @IntQueryParam(1, Number.MAX_SAFE_INTEGER) beforeId?: number;
  @ApiPropertyOptional() @IntQueryParam(1, 5000) limit?: number;
}

@ApiTags('系统日志 system log')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/system-log')
export class SystemLogController {
  constructor(private readonly log: SystemLogRepository) {}

  @Get()
  @ApiOperation({ summary: '系统日志查询（告警及其每次状态变化、规则与静默的修改、数据保留、应用监测）' })
  @ApiOkResponse({ type: SystemLogEntryDto, isArray: true, description: '按编号倒序' })
  list(@Query() q: SystemLogQueryDto) {
    return this.log.search({
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      category: q.category,
      event: q.event,
      level: q.level,
      alertId: q.alertId,
      resourceId: q.resourceId,
      beforeId: q.beforeId,
      limit: q.limit ?? 200,
    });
  }
}
