import { IntQueryParam, IsDateTime, Label, PlainText } from '@app/common';
import { ESCALATION_STATUSES_FOR_API, VOICE_OUTCOMES_FOR_API } from './notifications.presenter';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { VoiceOutcome } from '@app/notify';
import { EMAIL_PATTERN, MOBILE_PATTERN, PHONE_PATTERN } from '../config/notification-config';

export class EscalationQuery {
  @ApiPropertyOptional({ description: '告警编号' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) alertId?: string;
  @ApiPropertyOptional({ description: '升级状态', enum: ESCALATION_STATUSES_FOR_API })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES_FOR_API)
  status?: (typeof ESCALATION_STATUSES_FOR_API)[number];
  @ApiPropertyOptional({ description: '条数，默认 100' }) @IntQueryParam(1, 1000) limit?: number;
}

export class AttemptQuery {
  @ApiPropertyOptional({ description: '告警编号；为空时返回最近的发送记录' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) alertId?: string;
  @ApiPropertyOptional({ description: '条数（不指定告警时），默认 200' }) @IntQueryParam(1, 1000) limit?: number;
}

/** The voice gateway's callback body (VoiceCallResult). */
export class VoiceCallbackDto {
  @ApiProperty() @Label('呼叫编号') @PlainText() @IsString() @MinLength(1) @MaxLength(128) callId: string;
  @ApiPropertyOptional() @Label('请求编号') @IsOptional() @PlainText() @IsString() @MaxLength(256) requestId?: string;
  @ApiProperty() @Label('被叫号码') @PlainText() @IsString() @MaxLength(32) callee: string;
  @ApiProperty({ enum: VOICE_OUTCOMES_FOR_API }) @Label('呼叫结果') @IsIn(VOICE_OUTCOMES_FOR_API) outcome: VoiceOutcome;
  @ApiProperty() @Label('结束时间') @IsDateTime() endedAt: string;
}

export class OnCallPersonDto {
  @ApiProperty({ description: '姓名' }) @PlainText() @IsString() @MinLength(1) @MaxLength(64) name: string;
  @ApiProperty({ description: '值班角色：A 角先通知，A 角未确认再通知 B 角', enum: ['A', 'B'] }) @IsIn(['A', 'B']) role: 'A' | 'B';
  @ApiPropertyOptional({ description: '电子邮箱' }) @IsOptional() @PlainText() @Matches(EMAIL_PATTERN) email?: string;
  @ApiPropertyOptional({ description: '手机号码（短信与语音电话）' }) @IsOptional() @PlainText() @Matches(MOBILE_PATTERN) mobile?: string;
  @ApiPropertyOptional({ description: '固定电话（无手机号时用于语音电话）' }) @IsOptional() @PlainText() @Matches(PHONE_PATTERN) phone?: string;
  @ApiPropertyOptional({ description: '是否在岗，默认是' }) @IsOptional() @IsBoolean() enabled?: boolean;
}
