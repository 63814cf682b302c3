import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * The response shapes of the notification routes (告警通知升级、发送记录、渠道) and of the on-call
 * roster (值班表), declared to Swagger for the generated clients.
 */

const SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'];
const CHANNELS = ['email', 'sms', 'voice'];
const ROLES = ['A', 'B'];

export class NotifyAttemptDto {
  @ApiProperty({ description: '发送记录编号' }) id: number;
  @ApiProperty({ description: '告警编号' }) alertId: string;
  @ApiProperty({ description: '通知序号' }) noticeSeq: number;
  @ApiProperty({ enum: ['alert', 'recovery'], description: '告警通知 / 恢复通知' }) noticeKind: 'alert' | 'recovery';
  @ApiProperty({ description: '升级步骤' }) step: number;
  @ApiProperty({ description: '接收人编号' }) recipientId: string;
  @ApiProperty({ enum: CHANNELS, description: '渠道：邮件 / 短信 / 语音电话' }) channel: 'email' | 'sms' | 'voice';
  @ApiProperty({ description: '接收地址（邮箱、手机号、电话）' }) recipient: string;
  @ApiProperty({ description: '第几次尝试' }) attemptNo: number;
  @ApiProperty({ enum: ['sent', 'delivered', 'failed', 'unknown'], description: '状态：已发送 / 已送达 / 失败 / 未知' }) status:
    'sent' | 'delivered' | 'failed' | 'unknown';
  @ApiProperty({ type: String, nullable: true, description: '服务商编号' }) providerId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '错误' }) error: string | null;
  @ApiProperty({ type: String, nullable: true, description: '详情' }) detail: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: '发送时间' }) at: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '最近更新时间' }) updatedAt: Date;
}

class DeliveryDto {
  @ApiProperty({ description: '接收人编号' }) recipientId: string;
  @ApiProperty({ description: '接收人姓名' }) recipientName: string;
  @ApiProperty({ enum: CHANNELS, description: '渠道' }) channel: 'email' | 'sms' | 'voice';
  @ApiProperty({ enum: ['pending', 'done', 'gave-up', 'cancelled'], description: '投递状态：待发送 / 完成 / 放弃 / 已取消' }) state:
    'pending' | 'done' | 'gave-up' | 'cancelled';
  @ApiProperty({ description: '已尝试次数' }) tries: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '下次尝试时间' }) nextTryAt: Date | null;
}

class NoticeSummaryDto {
  @ApiProperty({ description: '通知序号' }) seq: number;
  @ApiProperty({ description: '通知标题' }) subject: string;
  @ApiProperty({ type: String, nullable: true, description: '短信、语音用的短文本' }) shortText: string | null;
}

class EscalationStepDto {
  @ApiProperty({ description: '步骤序号' }) step: number;
  @ApiProperty({ enum: ROLES, isArray: true, description: '通知的值班角色' }) roles: ('A' | 'B')[];
  @ApiProperty({ enum: CHANNELS, isArray: true, description: '通知方式' }) channels: ('email' | 'sms' | 'voice')[];
  @ApiProperty({ description: '已执行到此步' }) reached: boolean;
  @ApiProperty({ type: [DeliveryDto], description: '此步的投递' }) deliveries: DeliveryDto[];
}

class RecoveryNoticeDto {
  @ApiProperty({ description: '通知序号' }) seq: number;
  @ApiProperty({ description: '通知标题' }) subject: string;
  @ApiProperty({ type: [DeliveryDto], description: '恢复通知的投递' }) deliveries: DeliveryDto[];
}

export class EscalationDto {
  @ApiProperty({ description: '告警编号' }) alertId: string;
  @ApiProperty({ description: '通知策略' }) policy: string;
  @ApiProperty({ enum: SEVERITIES, description: '告警级别' }) severity: string;
  @ApiProperty({ enum: ['active', 'exhausted', 'acknowledged', 'resolved'], description: '升级状态：进行中 / 已到最后一步 / 已确认 / 已恢复' }) status: string;
  @ApiProperty({ description: '状态名称' }) statusLabel: string;
  @ApiProperty({ description: '当前步骤' }) currentStep: number;
  @ApiProperty({ description: '步骤总数' }) totalSteps: number;
  @ApiProperty({ type: Number, nullable: true, description: '每步等待响应的时间（毫秒）' }) responseTimeoutMs: number | null;
  @ApiProperty({ type: String, format: 'date-time', description: '当前步骤开始时间' }) stepStartedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '下一步开始时间' }) nextStepAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '确认人' }) acknowledgedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '确认时间' }) acknowledgedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '恢复时间' }) resolvedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', description: '创建时间' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '最近更新时间' }) updatedAt: Date;
  @ApiProperty({ type: NoticeSummaryDto, description: '告警通知' }) notice: NoticeSummaryDto;
  @ApiProperty({ type: [EscalationStepDto], description: '升级步骤' }) steps: EscalationStepDto[];
  @ApiProperty({ type: RecoveryNoticeDto, nullable: true, description: '恢复通知（告警恢复后）' }) recovery: RecoveryNoticeDto | null;
  @ApiProperty({ type: [NotifyAttemptDto], description: '全部发送记录' }) attempts: NotifyAttemptDto[];
}

class CmppStatusDto {
  @ApiProperty({ description: '连接状态' }) state: string;
  @ApiProperty({ description: '待确认的提交数' }) inFlight: number;
  @ApiProperty({ description: '排队数' }) queued: number;
  @ApiProperty({ description: '滑动窗口大小' }) maxInFlight: number;
  @ApiProperty({ description: '已提交数' }) submitsSent: number;
  @ApiProperty({ description: '重发数' }) resends: number;
  @ApiProperty({ description: '断线后重新排队数' }) requeuedAfterDisconnect: number;
  @ApiProperty({ description: '流控重试数' }) flowControlRetries: number;
  @ApiProperty({ description: '连接次数' }) connects: number;
  @ApiProperty({ description: '发送的链路检测数' }) activeTestsSent: number;
  @ApiProperty({ description: '应答的链路检测数' }) activeTestsAnswered: number;
  @ApiProperty({ description: '收到的状态报告数' }) reportsReceived: number;
  @ApiProperty({ description: '重复的状态报告数' }) duplicateReports: number;
}

class ChannelStatusDto {
  @ApiProperty({ enum: CHANNELS, description: '渠道' }) kind: 'email' | 'sms' | 'voice';
  @ApiProperty({ description: '已启用' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: '停用原因' }) disabledReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: '发送目标（服务器、网关地址）' }) target: string | null;
  @ApiPropertyOptional({ type: CmppStatusDto, description: '短信网关（CMPP）连接状态' }) cmpp?: CmppStatusDto;
}

class PolicyStepDto {
  @ApiProperty({ enum: ROLES, isArray: true, description: '通知的值班角色' }) notify: ('A' | 'B')[];
  @ApiProperty({ enum: CHANNELS, isArray: true, description: '通知方式' }) channels: ('email' | 'sms' | 'voice')[];
}

class RetryPolicyDto {
  @ApiProperty({ description: '最多尝试次数' }) maxAttempts: number;
  @ApiProperty({ description: '首次重试间隔（毫秒）' }) baseDelayMs: number;
  @ApiProperty({ description: '最长重试间隔（毫秒）' }) maxDelayMs: number;
}

class NotificationPolicyDto {
  @ApiProperty({ description: '策略名称' }) name: string;
  @ApiProperty({ enum: SEVERITIES, isArray: true, description: '适用的告警级别' }) severities: string[];
  @ApiProperty({ description: '每步等待响应的时间（毫秒）' }) responseTimeoutMs: number;
  @ApiProperty({ type: [PolicyStepDto], description: '升级步骤' }) steps: PolicyStepDto[];
  @ApiProperty({ type: RetryPolicyDto, description: '重试' }) retry: RetryPolicyDto;
  @ApiProperty({ enum: CHANNELS, isArray: true, description: '恢复通知的方式' }) recoveryChannels: ('email' | 'sms' | 'voice')[];
}

export class ChannelsOverviewDto {
  @ApiProperty({ type: [ChannelStatusDto], description: '通知渠道' }) channels: ChannelStatusDto[];
  @ApiProperty({ type: [NotificationPolicyDto], description: '通知策略' }) policies: NotificationPolicyDto[];
  @ApiProperty({ type: [String], description: '配置问题（停用的渠道、值班表缺口）' }) problems: string[];
}

export class VoiceCallbackResultDto {
  @ApiProperty({ description: '找到了对应的呼叫' }) matched: boolean;
}

export class OnCallPersonViewDto {
  @ApiProperty({ description: '值班人员编号' }) id: number;
  @ApiProperty({ description: '姓名' }) name: string;
  @ApiProperty({ enum: ROLES, description: '值班角色：A 角 / B 角' }) role: 'A' | 'B';
  @ApiProperty({ type: String, nullable: true, description: '邮箱' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: '手机号（短信）' }) mobile: string | null;
  @ApiProperty({ type: String, nullable: true, description: '电话（语音）' }) phone: string | null;
  @ApiProperty({ description: '启用' }) enabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', description: '创建时间' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '最近修改时间' }) updatedAt: Date;
}

export class OnCallRosterDto {
  @ApiProperty({ type: [OnCallPersonViewDto], description: '值班人员' }) people: OnCallPersonViewDto[];
  @ApiProperty({ type: [String], description: '与通知策略的缺口' }) problems: string[];
}

export class OnCallChangeDto {
  @ApiProperty({ type: OnCallPersonViewDto, nullable: true, description: '新增或修改后的值班人员' }) person: OnCallPersonViewDto | null;
  @ApiProperty({ type: [String], description: '与通知策略的缺口' }) problems: string[];
}

export class OnCallRemovedDto {
  @ApiProperty({ description: '值班人员编号' }) id: number;
  @ApiProperty({ description: '已删除' }) deleted: boolean;
  @ApiProperty({ type: [String], description: '与通知策略的缺口' }) problems: string[];
}
