import { ApiProperty } from '@nestjs/swagger';
import { SmsEvent, SmsState } from './applicant-sms.rules';

/** One SMS to the applicant, in the `sms` list of the application detail (docs/applicant-sms.md). */
export class ApplicantSmsDto {
  @ApiProperty({ enum: SmsEvent, enumName: 'ApplicantSmsEvent', description: '通知事由：SUPPLEMENT 补正补齐 / CONCLUDED 办结' }) event: SmsEvent;
  @ApiProperty({ example: '办结通知', description: '通知事由名称' }) eventLabel: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ enum: SmsState, enumName: 'ApplicantSmsState', description: '短信状态' }) state: SmsState;
  @ApiProperty({ example: '短信已送达', description: '短信状态名称' }) stateLabel: string;
  @ApiProperty({ example: '138****0000', description: '接收手机号（脱敏）' }) phone: string;
  @ApiProperty({ description: '短信内容' }) content: string;
  @ApiProperty({ type: String, format: 'date-time', description: '生成时间（与回调同一事务）' }) queuedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '网关受理时间' }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '送达时间（状态报告）' }) deliveredAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '失败时间' }) failedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: 'DELIVRD', description: '状态报告代码（Stat）' }) stat: string | null;
  @ApiProperty({ description: '尝试次数（网关不可达时的重试与一次提交）' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: '说明（失败或状态未知的原因）' }) note: string | null;
}
