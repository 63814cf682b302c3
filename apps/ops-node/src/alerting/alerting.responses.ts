import { AlertSeverity, AlertStatus, ResourceClass } from '@app/ops-contract';
import { ApiProperty } from '@nestjs/swagger';
import { SystemLogEntryDto } from '../system-log';

/*
 * The response shapes of the alerting routes (告警规则、告警、统计、静默、上下游关系、告警通知),
 * declared to Swagger so that the consoles can generate typed clients.
 */

const SEVERITY = { enum: AlertSeverity, enumName: 'AlertSeverity' } as const;
const STATUS = { enum: AlertStatus, enumName: 'AlertStatus' } as const;
const CLASS = { enum: ResourceClass, enumName: 'ResourceClass' } as const;
const COMPARATORS = ['>', '>=', '<', '<=', '==', '!='];

export class AlertRuleDto {
  @ApiProperty({ description: '规则编号' }) id: number;
  @ApiProperty({ description: '规则名称' }) name: string;
  @ApiProperty({ enum: ['METRIC', 'STATE'], description: '类型：指标 / 状态' }) kind: 'METRIC' | 'STATE';
  @ApiProperty({ example: 'cpu.usage', description: '指标' }) metric: string;
  @ApiProperty({ ...CLASS, nullable: true, description: '适用的资源类别（空为全部）' }) resourceClass: ResourceClass | null;
  @ApiProperty({ type: String, nullable: true, description: '适用的资源（空为全部）' }) resourceId: string | null;
  @ApiProperty({ enum: COMPARATORS, description: '比较符' }) comparator: string;
  @ApiProperty({ description: '阈值' }) threshold: number;
  @ApiProperty({ type: Number, nullable: true, description: '恢复阈值（空为阈值本身）' }) recoveryThreshold: number | null;
  @ApiProperty({ description: '持续时间（秒）' }) forSeconds: number;
  @ApiProperty({ ...SEVERITY, description: '级别' }) severity: AlertSeverity;
  @ApiProperty({ description: '重复通知间隔（秒，0 为不重复）' }) repeatIntervalSeconds: number;
  @ApiProperty({ description: '触发时视资源为中断（用于下游告警抑制）' }) marksDown: boolean;
  @ApiProperty({ description: '启用' }) enabled: boolean;
}

export class AlertRuleDeletedDto {
  @ApiProperty({ description: '规则编号' }) id: number;
  @ApiProperty({ description: '已删除' }) deleted: boolean;
}

export class AlertDto {
  @ApiProperty({ description: '告警编号' }) alertId: string;
  @ApiProperty({ description: '规则编号' }) ruleId: number;
  @ApiProperty({ type: String, nullable: true, description: '规则名称' }) ruleName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '告警指纹（规则 + 监控对象）' }) fingerprint: string | null;
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ type: String, nullable: true, description: '子资源编号（资源本身的告警为空）' }) subResourceId: string | null;
  @ApiProperty({ ...CLASS, description: '资源类别' }) resourceClass: ResourceClass;
  @ApiProperty({ description: '指标' }) metric: string;
  @ApiProperty({ ...SEVERITY, description: '级别' }) severity: AlertSeverity;
  @ApiProperty({ description: '级别名称' }) severityLabel: string;
  @ApiProperty({ ...STATUS, description: '状态' }) status: AlertStatus;
  @ApiProperty({ description: '状态名称' }) statusLabel: string;
  @ApiProperty({ description: '触发时的值' }) value: number;
  @ApiProperty({ description: '阈值' }) threshold: number;
  @ApiProperty({ type: Number, nullable: true, description: '最近的值' }) lastValue: number | null;
  @ApiProperty({ description: '告警内容' }) message: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '开始超过阈值的时间（持续时间计时起点）' }) pendingSince: Date | null;
  @ApiProperty({ type: String, format: 'date-time', description: '告警时间' }) raisedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '恢复时间' }) resolvedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '确认时间' }) acknowledgedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '确认人' }) acknowledgedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '关闭时间' }) closedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '关闭人' }) closedBy: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '静默编号（被静默时）' }) silencedBy: number | null;
  @ApiProperty({ type: String, nullable: true, description: '抑制此告警的上游告警编号' }) suppressedBy: string | null;
  @ApiProperty({ description: '已通知次数' }) notifyCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最近通知时间' }) lastNotifiedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', description: '最近修改时间' }) updatedAt: Date;
  @ApiProperty({ type: String, nullable: true, description: '由此告警转成的工单编号（转工单），无则为空' }) workOrderId: string | null;
}

export class AlertDetailDto extends AlertDto {
  @ApiProperty({ type: [SystemLogEntryDto], description: '全部状态变化（系统日志，时间顺序）' }) history: SystemLogEntryDto[];
}

class StatsEntryDto {
  @ApiProperty({ description: '分组值（级别、资源类别或资源编号）' }) key: string;
  @ApiProperty({ description: '分组名称' }) label: string;
  @ApiProperty({ description: '告警数' }) value: number;
}

class StatsBucketDto {
  @ApiProperty({ example: '2026-11-22', description: '时间段（按小时为 yyyy-MM-dd HH:00，按天为 yyyy-MM-dd）' }) bucket: string;
  @ApiProperty({ description: '告警数' }) total: number;
  @ApiProperty({ description: '严重' }) CRITICAL: number;
  @ApiProperty({ description: '主要' }) MAJOR: number;
  @ApiProperty({ description: '次要' }) MINOR: number;
  @ApiProperty({ description: '警告' }) WARNING: number;
}

export class AlertStatsDto {
  @ApiProperty({ type: String, format: 'date-time', description: '统计起点' }) from: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '统计终点（不含）' }) to: Date;
  @ApiProperty({ enum: ['hour', 'day'], description: '时间粒度' }) bucket: 'hour' | 'day';
  @ApiProperty({ description: '告警总数' }) total: number;
  @ApiProperty({ description: '其中未恢复的告警数' }) open: number;
  @ApiProperty({ type: [StatsEntryDto], description: '按级别（四个级别都列出）' }) bySeverity: StatsEntryDto[];
  @ApiProperty({ type: [StatsEntryDto], description: '按资源类别' }) byResourceClass: StatsEntryDto[];
  @ApiProperty({ type: [StatsEntryDto], description: '按资源（前 N 个）' }) byResource: StatsEntryDto[];
  @ApiProperty({ type: [StatsBucketDto], description: '按时间、级别' }) overTime: StatsBucketDto[];
}

export class SilenceViewDto {
  @ApiProperty({ description: '静默编号' }) id: number;
  @ApiProperty({ enum: ['SILENCE', 'MAINTENANCE'], description: '静默 / 维护窗口' }) kind: 'SILENCE' | 'MAINTENANCE';
  @ApiProperty({ type: Number, nullable: true, description: '匹配的规则' }) ruleId: number | null;
  @ApiProperty({ type: String, nullable: true, description: '匹配的资源' }) resourceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '匹配的子资源' }) subResourceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '匹配的指标' }) metric: string | null;
  @ApiProperty({ ...SEVERITY, nullable: true, description: '匹配的级别' }) severity: AlertSeverity | null;
  @ApiProperty({ type: String, format: 'date-time', description: '开始时间' }) startsAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '结束时间' }) endsAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '提前结束的时间' }) cancelledAt: Date | null;
  @ApiProperty({ description: '原因' }) reason: string;
  @ApiProperty({ description: '设置人' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time', description: '设置时间' }) createdAt: Date;
}

export class SilenceCancelledDto {
  @ApiProperty({ description: '静默编号' }) id: number;
  @ApiProperty({ description: '已提前结束' }) cancelled: boolean;
}

export class ParentLinkDto {
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '上游设备的资源编号' }) parentResourceId: string;
}

export class ParentRemovedDto {
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '已删除上游设备' }) removed: boolean;
}

class NoticeAlertDto {
  @ApiProperty({ description: '告警编号' }) alertId: string;
  @ApiProperty({ enum: ['FIRING', 'REPEAT', 'RESOLVED'], description: '事件：告警 / 重复通知 / 恢复' }) event: 'FIRING' | 'REPEAT' | 'RESOLVED';
  @ApiProperty({ type: String, nullable: true, description: '规则名称' }) ruleName: string | null;
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '子资源编号（资源本身为空串）' }) subResourceId: string;
  @ApiProperty({ description: '指标' }) metric: string;
  @ApiProperty({ ...SEVERITY, description: '级别' }) severity: AlertSeverity;
  @ApiProperty({ ...STATUS, description: '状态' }) status: AlertStatus;
  @ApiProperty({ description: '值' }) value: number;
  @ApiProperty({ description: '阈值' }) threshold: number;
  @ApiProperty({ description: '告警内容' }) message: string;
  @ApiProperty({ type: String, format: 'date-time', description: '告警时间' }) raisedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '恢复时间' }) resolvedAt: Date | null;
}

export class AlertNoticeDto {
  @ApiProperty({ description: '通知编号' }) noticeId: number;
  @ApiProperty({ description: '分组键' }) groupKey: string;
  @ApiProperty({ enum: ['FIRING', 'REPEAT', 'RESOLVED', 'MIXED'], description: '类型：告警 / 重复 / 恢复 / 混合' }) kind:
    'FIRING' | 'REPEAT' | 'RESOLVED' | 'MIXED';
  @ApiProperty({ ...SEVERITY, description: '组内最高级别' }) severity: AlertSeverity;
  @ApiProperty({ description: '通知标题' }) title: string;
  @ApiProperty({ type: [NoticeAlertDto], description: '组内告警' }) alerts: NoticeAlertDto[];
  @ApiProperty({ type: String, format: 'date-time', description: '生成时间' }) createdAt: Date;
}

export class AlertNoticeRecordDto extends AlertNoticeDto {
  @ApiProperty({ enum: ['PENDING', 'TAKEN', 'DONE'], description: '待取 / 通知中 / 已交给告警升级' }) state: string;
}
