import { WorkOrderStatus } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WorkOrderState } from './work-order-state-machine';

/*
 * A work order as the REST API shows it (工单): the city report's fields, which leave out what is not
 * set (never null), plus its origin, creation time, the ITSM state, assignment, links and SLA clocks.
 */

export class SlaClockDto {
  @ApiProperty({ description: '时限（秒）' }) targetSeconds: number;
  @ApiProperty({ description: '已用（秒，解决时钟不含挂起等待的时间）' }) elapsedSeconds: number;
  @ApiProperty({ description: '已用占时限的百分比' }) percent: number;
  @ApiProperty({ enum: ['OK', 'WARNING', 'BREACHED', 'MET', 'MISSED'], description: '正常 / 预警（≥75%）/ 超时 / 按时完成 / 超时完成' }) status: string;
  @ApiProperty({ description: '正在计时' }) running: boolean;
  @ApiProperty({ description: '已暂停（挂起等待）' }) paused: boolean;
}

export class SlaClocksDto {
  @ApiProperty({ type: SlaClockDto, description: '响应时钟（至受理/分派）' }) respond: SlaClockDto;
  @ApiProperty({ type: SlaClockDto, description: '解决时钟（至解决，挂起时暂停）' }) resolve: SlaClockDto;
}

export class WorkOrderDto {
  @ApiProperty({ description: '工单编号' }) orderId: string;
  @ApiProperty({ description: '工单标题' }) subject: string;
  @ApiProperty({ description: '工单内容' }) content: string;
  @ApiProperty({ description: '发起单位' }) originUnit: string;
  @ApiProperty({ description: '业务类型' }) businessType: string;
  @ApiProperty({ description: '接收单位' }) receiverUnit: string;
  @ApiPropertyOptional({ description: '接收方反馈（最近一次；全部反馈见处理记录）' }) receiverFeedback?: string;
  @ApiProperty({ description: '发起人' }) originContact: string;
  @ApiProperty({ description: '发起人电话' }) originPhone: string;
  @ApiPropertyOptional({ description: '接收方联系人' }) receiverContact?: string;
  @ApiPropertyOptional({ description: '接收方联系电话' }) receiverPhone?: string;
  @ApiProperty({ enum: WorkOrderStatus, enumName: 'WorkOrderStatus', description: '处理状态（上报市级的状态，由工单状态映射）' }) status: WorkOrderStatus;
  @ApiPropertyOptional({ format: 'date-time', description: '办结时间' }) concludedAt?: string;
  @ApiProperty({ description: '运维级别' }) opsLevel: number;
  @ApiPropertyOptional({ description: '评价星级' }) starRating?: number;
  @ApiPropertyOptional({ description: '运维评价' }) opsEvaluation?: string;
  @ApiProperty({ format: 'date-time', description: '最近修改时间' }) updatedAt: string;
  @ApiPropertyOptional({ enum: WorkOrderState, description: '工单状态（上报字段 itsmState）' }) itsmState?: WorkOrderState;
  @ApiProperty({ enum: ['LOCAL', 'CITY'], description: '来源：本节点发起 / 市级下发' }) origin: 'LOCAL' | 'CITY';
  @ApiProperty({ format: 'date-time', description: '创建时间' }) createdAt: string;
  @ApiProperty({ enum: WorkOrderState, enumName: 'WorkOrderState', description: '工单状态' }) state: WorkOrderState;
  @ApiProperty({ description: '工单状态名称' }) stateLabel: string;
  @ApiProperty({ enum: ['SELF', 'COLLABORATIVE'], description: '工单类型：自行处理 / 与市级协同' }) orderType: 'SELF' | 'COLLABORATIVE';
  @ApiProperty({ type: String, nullable: true, description: '父工单编号（分解出的子工单）' }) parentOrderId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '处理人（运维账号或处理组/单位）' }) assignee: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['PERSON', 'GROUP'], description: '处理人类型' }) assigneeKind: string | null;
  @ApiProperty({ type: String, nullable: true, description: '关联告警编号（告警转工单）' }) alertId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '挂起原因（等待谁/什么）' }) pendingReason: string | null;
  @ApiProperty({ description: '版本（操作时带上，他人已先修改则拒绝 2021）' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '响应时间' }) respondedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '解决时间' }) resolvedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '关闭时间' }) closedAt: string | null;
  @ApiProperty({ enum: ['OK', 'WARNING', 'BREACHED'], description: 'SLA 状态（两个时钟中较差者）' }) slaStatus: string;
  @ApiProperty({ type: SlaClocksDto, description: 'SLA 时钟' }) sla: SlaClocksDto;
}

export class WorkOrderHistoryDto {
  @ApiProperty({ description: '序号' }) id: number;
  @ApiProperty({ format: 'date-time', description: '时间' }) at: string;
  @ApiProperty({ description: '操作人（会话账号；city = 市级，system = SLA 任务）' }) actor: string;
  @ApiProperty({ description: '事件' }) event: string;
  @ApiProperty({ description: '事件名称' }) eventLabel: string;
  @ApiProperty({ type: String, nullable: true, description: '原状态' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, description: '新状态' }) to: string | null;
  @ApiProperty({ type: String, nullable: true, description: '说明（反馈、记录、原因）' }) note: string | null;
  @ApiProperty({ type: Object, nullable: true, description: '附加信息（处理人、子工单…）' }) detail: Record<string, unknown> | null;
}

export class WorkOrderDetailDto extends WorkOrderDto {
  @ApiProperty({ type: [WorkOrderHistoryDto], description: '处理记录（只增不改，时间顺序）' }) history: WorkOrderHistoryDto[];
  @ApiProperty({ type: [WorkOrderDto], description: '子工单' }) children: WorkOrderDto[];
}

export class WorkOrderSplitDto {
  @ApiProperty({ type: WorkOrderDto, description: '父工单' }) parent: WorkOrderDto;
  @ApiProperty({ type: [WorkOrderDto], description: '全部子工单' }) children: WorkOrderDto[];
}
