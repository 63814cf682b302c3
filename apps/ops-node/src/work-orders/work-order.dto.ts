import { IntQueryParam, Label, PlainText } from '@app/common';
import { WorkOrderStatus } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { WORK_ORDER_ACTIONS, WorkOrderAction, WorkOrderState } from './work-order-state-machine';

const PHONE = /^[0-9+\-() ]{5,32}$/;
/** an ops account's user name, or a group / unit name */
const ASSIGNEE = /^[^\s<>"'`]{1,128}$/;

export class CreateWorkOrderDto {
  @ApiProperty({ description: '主题' }) @Label('主题') @PlainText() @IsString() @MinLength(2) @MaxLength(200) subject: string;
  @ApiProperty({ description: '内容' }) @Label('内容') @PlainText({ multiline: true }) @IsString() @MinLength(2) @MaxLength(4000) content: string;
  @ApiProperty({ description: '业务类型，例如 故障处理、变更、巡检' })
  @Label('业务类型')
  @PlainText()
  @IsString()
  @MinLength(2)
  @MaxLength(64)
  businessType: string;
  @ApiProperty({ description: '接收单位' }) @Label('接收单位') @PlainText() @IsString() @MinLength(2) @MaxLength(128) receiverUnit: string;
  @ApiProperty({ description: '发起单位联系人' }) @Label('发起单位联系人') @PlainText() @IsString() @MinLength(1) @MaxLength(64) originContact: string;
  @ApiProperty({ description: '发起单位联系电话' })
  @Label('发起单位联系电话')
  @PlainText()
  @Matches(PHONE, { message: '联系电话格式不正确' })
  originPhone: string;
  @ApiPropertyOptional({ description: '接收单位联系人' })
  @Label('接收单位联系人')
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  receiverContact?: string;
  @ApiPropertyOptional({ description: '接收单位联系电话' })
  @Label('接收单位联系电话')
  @IsOptional()
  @PlainText()
  @Matches(PHONE, { message: '联系电话格式不正确' })
  receiverPhone?: string;
  @ApiProperty({ description: '运维级别 1–4（1 最高）' }) @Label('运维级别') @IsInt() @Min(1) @Max(4) opsLevel: number;
  @ApiPropertyOptional({ enum: ['SELF', 'COLLABORATIVE'], description: '工单类型：自行处理 / 与市级协同（默认自行处理）' })
  @Label('工单类型')
  @IsOptional()
  @IsIn(['SELF', 'COLLABORATIVE'])
  orderType?: 'SELF' | 'COLLABORATIVE';
}

export class FromAlertDto {
  @ApiProperty({ description: '运维级别 1–4（1 最高）' }) @Label('运维级别') @IsInt() @Min(1) @Max(4) opsLevel: number;
  @ApiPropertyOptional({ description: '主题（默认取告警内容）' })
  @Label('主题')
  @IsOptional()
  @PlainText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  subject?: string;
  @ApiPropertyOptional({ description: '内容（默认取告警内容）' })
  @Label('内容')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  content?: string;
}

export class WorkOrderActionDto {
  @ApiProperty({
    enum: WORK_ORDER_ACTIONS,
    description:
      '受理 accept / 分派 assign / 开始处理 start / 挂起 pend / 恢复 resume / 升级 escalate / 解决 resolve（旧名 conclude）/ 重新打开 reopen / 关闭评价 close（旧名 evaluate）/ 反馈 feedback / 记录 note',
  })
  @Label('操作')
  @IsIn(WORK_ORDER_ACTIONS)
  action: WorkOrderAction;
  @ApiPropertyOptional({ description: '工单版本（详情中的 version）：他人已先修改时拒绝（2021）' })
  @Label('工单版本')
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
  @ApiPropertyOptional({ description: '处理人：运维账号用户名，或处理组/单位名称（assign，accept 默认本人）' })
  @Label('处理人')
  @IsOptional()
  @PlainText()
  @Matches(ASSIGNEE, { message: '处理人格式不正确' })
  assignee?: string;
  @ApiPropertyOptional({ enum: ['PERSON', 'GROUP'], description: '处理人类型：个人 / 处理组或单位' })
  @Label('处理人类型')
  @IsOptional()
  @IsIn(['PERSON', 'GROUP'])
  assigneeKind?: 'PERSON' | 'GROUP';
  @ApiPropertyOptional({ description: '原因（pend 等待谁/什么、escalate、reopen 必填）' })
  @Label('原因')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MaxLength(500)
  reason?: string;
  @ApiPropertyOptional({ description: '记录内容（note；其他操作的附言）' })
  @Label('记录')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MaxLength(4000)
  note?: string;
  @ApiPropertyOptional({ description: '接收单位情况反馈（feedback；resolve 的解决说明）' })
  @Label('反馈')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MaxLength(4000)
  feedback?: string;
  @ApiPropertyOptional({ description: '接收单位联系人（accept）' })
  @Label('接收单位联系人')
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  receiverContact?: string;
  @ApiPropertyOptional({ description: '接收单位联系电话（accept）' })
  @Label('接收单位联系电话')
  @IsOptional()
  @PlainText()
  @Matches(PHONE)
  receiverPhone?: string;
  @ApiPropertyOptional({ description: '星级评价 1–5（close）' }) @Label('星级评价') @IsOptional() @IsInt() @Min(1) @Max(5) starRating?: number;
  @ApiPropertyOptional({ description: '运维评价（close）' })
  @Label('运维评价')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MaxLength(1000)
  evaluation?: string;
}

export class SplitChildDto {
  @ApiProperty({ description: '子工单主题' }) @Label('子工单主题') @PlainText() @IsString() @MinLength(2) @MaxLength(200) subject: string;
  @ApiPropertyOptional({ description: '子工单内容（默认取父工单内容）' })
  @Label('子工单内容')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  content?: string;
  @ApiProperty({ description: '处理人：运维账号用户名，或处理组/单位名称' })
  @Label('处理人')
  @PlainText()
  @Matches(ASSIGNEE, { message: '处理人格式不正确' })
  assignee: string;
  @ApiPropertyOptional({ enum: ['PERSON', 'GROUP'], description: '处理人类型（默认个人）' })
  @Label('处理人类型')
  @IsOptional()
  @IsIn(['PERSON', 'GROUP'])
  assigneeKind?: 'PERSON' | 'GROUP';
}

export class SplitWorkOrderDto {
  @ApiPropertyOptional({ description: '父工单版本（详情中的 version）' }) @Label('工单版本') @IsOptional() @IsInt() @Min(0) version?: number;
  @ApiProperty({ type: [SplitChildDto], description: '子工单（1–20 个，各自分派给不同的人或单位）' })
  @Label('子工单')
  @ValidateNested({ each: true })
  @Type(() => SplitChildDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  children: SplitChildDto[];
}

export class WorkOrderQuery {
  @ApiPropertyOptional({ enum: WorkOrderStatus, description: '上报状态' })
  @Label('上报状态')
  @IsOptional()
  @IsIn(Object.values(WorkOrderStatus))
  status?: WorkOrderStatus;
  @ApiPropertyOptional({ enum: WorkOrderState, description: '工单状态' })
  @Label('工单状态')
  @IsOptional()
  @IsIn(Object.values(WorkOrderState))
  state?: WorkOrderState;
  @ApiPropertyOptional({ enum: ['LOCAL', 'CITY'] }) @Label('来源') @IsOptional() @IsIn(['LOCAL', 'CITY']) origin?: 'LOCAL' | 'CITY';
  @ApiPropertyOptional({ enum: ['SELF', 'COLLABORATIVE'] }) @Label('工单类型') @IsOptional() @IsIn(['SELF', 'COLLABORATIVE']) orderType?:
    'SELF' | 'COLLABORATIVE';
  @ApiPropertyOptional({ description: '处理人' }) @Label('处理人') @IsOptional() @PlainText() @Matches(ASSIGNEE) assignee?: string;
  @ApiPropertyOptional({ enum: ['OK', 'WARNING', 'BREACHED'], description: 'SLA 状态（任一时钟：预警 / 超时）' })
  @Label('SLA 状态')
  @IsOptional()
  @IsIn(['OK', 'WARNING', 'BREACHED'])
  sla?: 'OK' | 'WARNING' | 'BREACHED';
  @ApiPropertyOptional() @IntQueryParam(1, 5000) limit?: number;
}
