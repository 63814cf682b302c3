import { IntQueryParam, IsDateTime, Label, PlainText } from '@app/common';
import { AlertSeverity, AlertStatus, ResourceClass } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { METRIC_PATTERN, RESOURCE_ID_PATTERN } from '../shared/sample-patterns';
import { COMPARATORS, Comparator, RuleKind } from './rule-engine';

export class RuleDto {
  @ApiProperty({ description: '规则名称，例如 CPU使用率过高' }) @PlainText() @IsString() @MinLength(1) @MaxLength(128) name: string;
  @ApiPropertyOptional({ description: 'METRIC 数值指标 / STATE 状态', enum: ['METRIC', 'STATE'] })
  @Label('规则类型')
  @IsOptional()
  @IsIn(['METRIC', 'STATE'])
  kind?: RuleKind;
  @ApiProperty({ description: '指标，例如 cpu.usage、if.status、http.up、device.up' }) @PlainText() @Matches(METRIC_PATTERN) metric: string;
  @ApiPropertyOptional({ description: '资源类别（为空表示全部）', enum: ResourceClass })
  @IsOptional()
  @IsIn(Object.values(ResourceClass))
  resourceClass?: ResourceClass;
  @ApiPropertyOptional({ description: '资源编号（为空表示全部）' }) @IsOptional() @PlainText() @Matches(RESOURCE_ID_PATTERN) resourceId?: string;
  @ApiProperty({ enum: COMPARATORS }) @Label('比较方式') @IsIn(COMPARATORS) comparator: Comparator;
  @ApiProperty({ description: '告警阈值' }) @IsNumber() threshold: number;
  @ApiPropertyOptional({ description: '恢复阈值（滞回）：告警后数值需越过此值才算恢复；为空则回到告警阈值以内即恢复' })
  @IsOptional()
  @IsNumber()
  recoveryThreshold?: number;
  @ApiPropertyOptional({ description: '持续时间（秒）：条件持续满此时长才告警' }) @IsOptional() @IsInt() @Min(0) @Max(86_400) forSeconds?: number;
  @ApiProperty({ description: '告警级别', enum: AlertSeverity }) @IsIn(Object.values(AlertSeverity)) severity: AlertSeverity;
  @ApiPropertyOptional({ description: '重复通知间隔（秒），0 表示只通知一次' }) @IsOptional() @IsInt() @Min(0) @Max(604_800) repeatIntervalSeconds?: number;
  @ApiPropertyOptional({ description: '此规则告警表示资源宕机（抑制其端口及下游资源的告警）' }) @IsOptional() @IsBoolean() marksDown?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateRuleDto {
  @ApiPropertyOptional() @Label('规则名称') @IsOptional() @PlainText() @IsString() @MinLength(1) @MaxLength(128) name?: string;
  @ApiPropertyOptional({ enum: ['METRIC', 'STATE'] }) @Label('规则类型') @IsOptional() @IsIn(['METRIC', 'STATE']) kind?: RuleKind;
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(METRIC_PATTERN) metric?: string;
  @ApiPropertyOptional({ enum: COMPARATORS }) @Label('比较方式') @IsOptional() @IsIn(COMPARATORS) comparator?: Comparator;
  @ApiPropertyOptional() @Label('阈值') @IsOptional() @IsNumber() threshold?: number;
  @ApiPropertyOptional() @Label('恢复阈值') @IsOptional() @IsNumber() recoveryThreshold?: number;
  @ApiPropertyOptional() @Label('持续时间') @IsOptional() @IsInt() @Min(0) @Max(86_400) forSeconds?: number;
  @ApiPropertyOptional({ enum: AlertSeverity }) @Label('告警级别') @IsOptional() @IsIn(Object.values(AlertSeverity)) severity?: AlertSeverity;
  @ApiPropertyOptional() @Label('重复通知间隔') @IsOptional() @IsInt() @Min(0) @Max(604_800) repeatIntervalSeconds?: number;
  @ApiPropertyOptional() @Label('标记为中断') @IsOptional() @IsBoolean() marksDown?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class AlertQuery {
  @ApiPropertyOptional({ enum: AlertStatus }) @IsOptional() @IsIn(Object.values(AlertStatus)) status?: AlertStatus;
  @ApiPropertyOptional({ enum: AlertSeverity }) @Label('告警级别') @IsOptional() @IsIn(Object.values(AlertSeverity)) severity?: AlertSeverity;
  @ApiPropertyOptional() @IsOptional() @PlainText() @IsString() resourceId?: string;
  @ApiPropertyOptional({ enum: ResourceClass }) @Label('资源类别') @IsOptional() @IsIn(Object.values(ResourceClass)) resourceClass?: ResourceClass;
  @ApiPropertyOptional() @Label('规则编号') @IntQueryParam(1, Number.MAX_SAFE_INTEGER) ruleId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional() @IntQueryParam(1, 5000) limit?: number;
}

export class AlertActionDto {
  @ApiPropertyOptional({ description: '说明' }) @IsOptional() @PlainText({ multiline: true }) @IsString() @MaxLength(500) comment?: string;
}

export class SilenceDto {
  @ApiPropertyOptional({ description: 'SILENCE 静默 / MAINTENANCE 维护窗口', enum: ['SILENCE', 'MAINTENANCE'] })
  @Label('静默类型')
  @IsOptional()
  @IsIn(['SILENCE', 'MAINTENANCE'])
  kind?: 'SILENCE' | 'MAINTENANCE';
  @ApiPropertyOptional({ description: '匹配：规则编号' }) @IsOptional() @IsInt() ruleId?: number;
  @ApiPropertyOptional({ description: '匹配：资源编号' }) @IsOptional() @PlainText() @Matches(RESOURCE_ID_PATTERN) resourceId?: string;
  @ApiPropertyOptional({ description: '匹配：子资源编号' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) subResourceId?: string;
  @ApiPropertyOptional({ description: '匹配：指标' }) @IsOptional() @PlainText() @Matches(METRIC_PATTERN) metric?: string;
  @ApiPropertyOptional({ description: '匹配：告警级别', enum: AlertSeverity }) @IsOptional() @IsIn(Object.values(AlertSeverity)) severity?: AlertSeverity;
  @ApiPropertyOptional({ description: '开始时间，缺省为现在' }) @IsOptional() @IsDateTime() startsAt?: string;
  @ApiPropertyOptional({ description: '结束时间（与 minutes 二选一）' }) @IsOptional() @IsDateTime() endsAt?: string;
  @ApiPropertyOptional({ description: '持续分钟数' }) @IsOptional() @IsInt() @Min(1) @Max(525_600) minutes?: number;
  @ApiProperty({ description: '原因，例如 核心交换机割接' }) @PlainText() @IsString() @MinLength(1) @MaxLength(512) reason: string;
}

export class SilenceQuery {
  @ApiPropertyOptional() @Label('包含已结束的静默') @IsOptional() @IsIn(['true', 'false']) includeExpired?: string;
}

export class ParentDto {
  @ApiProperty({ description: '上游资源编号（此资源位于其后）' }) @PlainText() @Matches(RESOURCE_ID_PATTERN) parentResourceId: string;
}

export class StatsQuery {
  @ApiProperty() @IsDateTime() from: string;
  @ApiProperty() @IsDateTime() to: string;
  @ApiPropertyOptional({ enum: ['hour', 'day'] }) @Label('统计粒度') @IsOptional() @IsIn(['hour', 'day']) bucket?: 'hour' | 'day';
  @ApiPropertyOptional() @Label('排名数量') @IntQueryParam(1, 100) top?: number;
}

export class NoticeQuery {
  @ApiPropertyOptional({ description: 'PENDING 待取 / TAKEN 通知中 / DONE 已交给告警升级', enum: ['PENDING', 'TAKEN', 'DONE'] })
  @IsOptional()
  @IsIn(['PENDING', 'TAKEN', 'DONE'])
  state?: string;
  @ApiPropertyOptional() @IntQueryParam(1, 1000) limit?: number;
}
