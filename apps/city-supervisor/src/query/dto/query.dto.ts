import { IntQueryParam, IsDateTime, PlainText } from '@app/common';
import { AlertSeverity, AlertStatus, ReportCategory, ResourceClass, WorkOrderStatus } from '@app/ops-contract';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsOptional, Matches } from 'class-validator';

const NODE_CODE = /^[A-Za-z0-9_-]{2,32}$/;
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

class TimeRangeQuery {
  @ApiPropertyOptional({ description: '开始时间（ISO 8601，含时区），默认为 24 小时前' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ description: '结束时间（ISO 8601，含时区），默认为当前时间' }) @IsOptional() @IsDateTime() to?: string;
}

export class ResourcesQuery {
  @ApiPropertyOptional({ enum: ResourceClass, description: '资源类别' }) @IsOptional() @IsEnum(ResourceClass) resourceClass?: ResourceClass;
  @ApiPropertyOptional({ type: Boolean, description: '包含已下线资源', default: false }) @IsOptional() @Transform(toBool) @IsBoolean() includeRemoved = false;
}

export class SubResourcesQuery {
  @ApiPropertyOptional({ type: Boolean, description: '包含已下线子资源', default: false }) @IsOptional() @Transform(toBool) @IsBoolean() includeRemoved = false;
}

export class AlertsQuery extends TimeRangeQuery {
  @ApiPropertyOptional({ description: '运维节点代码' }) @IsOptional() @PlainText() @Matches(NODE_CODE) nodeCode?: string;
  @ApiPropertyOptional({ enum: AlertSeverity, description: '告警级别' }) @IsOptional() @IsEnum(AlertSeverity) severity?: AlertSeverity;
  @ApiPropertyOptional({ enum: AlertStatus, description: '告警状态' }) @IsOptional() @IsEnum(AlertStatus) status?: AlertStatus;
  @ApiPropertyOptional({ type: 'integer', description: '最多返回条数', default: 500 }) @IntQueryParam(1, 5000) limit = 500;
}

export class AlertStatsQuery extends TimeRangeQuery {
  @ApiPropertyOptional({ enum: ['hour', 'day'], description: '趋势的时间粒度（北京时间）；默认范围不超过 2 天按小时，否则按天' })
  @IsOptional()
  @IsIn(['hour', 'day'])
  bucket?: 'hour' | 'day';
}

export class WorkOrdersQuery {
  @ApiPropertyOptional({ enum: WorkOrderStatus, description: '处理状态' }) @IsOptional() @IsEnum(WorkOrderStatus) status?: WorkOrderStatus;
  @ApiPropertyOptional({ description: '运维节点代码' }) @IsOptional() @PlainText() @Matches(NODE_CODE) nodeCode?: string;
  @ApiPropertyOptional({ enum: ['CITY', 'NODE'], description: '来源：CITY 市级下发，NODE 区级发起' }) @IsOptional() @IsIn(['CITY', 'NODE']) origin?:
    'CITY' | 'NODE';
  @ApiPropertyOptional({ type: 'integer', description: '最多返回条数', default: 200 }) @IntQueryParam(1, 2000) limit = 200;
}

export class PerformanceSummaryQuery extends TimeRangeQuery {
  @ApiPropertyOptional({ description: '运维节点代码' }) @IsOptional() @PlainText() @Matches(NODE_CODE) nodeCode?: string;
  @ApiPropertyOptional({ description: '资源编号' }) @IsOptional() @PlainText() @Matches(/^.{1,64}$/) resourceId?: string;
  @ApiPropertyOptional({ description: '指标' }) @IsOptional() @PlainText() @Matches(/^.{1,64}$/) metric?: string;
}

export class ReportsQuery {
  @ApiPropertyOptional({ description: '运维节点代码' }) @IsOptional() @PlainText() @Matches(NODE_CODE) nodeCode?: string;
  @ApiPropertyOptional({ enum: ReportCategory, description: '上报类别' }) @IsOptional() @IsEnum(ReportCategory) category?: ReportCategory;
  @ApiPropertyOptional({ type: 'integer', description: '最多返回条数', default: 100 }) @IntQueryParam(1, 1000) limit = 100;
}

export class RefusalsQuery {
  @ApiPropertyOptional({ description: '运维节点代码（请求中声明的，未必通过验证）' }) @IsOptional() @PlainText() @Matches(NODE_CODE) nodeCode?: string;
  @ApiPropertyOptional({ description: '返回码，如 3005' }) @IsOptional() @PlainText() @Matches(/^\d{4}$/) code?: string;
  @ApiPropertyOptional({ type: 'integer', description: '最多返回条数', default: 100 }) @IntQueryParam(1, 1000) limit = 100;
}

export class ReportingHealthQuery {
  @ApiPropertyOptional({ description: '超过多少分钟未上报视为停报（默认取 REPORT_STALE_AFTER_MS）' }) @IntQueryParam(1, 7 * 24 * 60) staleAfterMinutes?: number;
}
