import { COUNT_BY_STATE, DB_STATE, DB_STATE_MAP } from '@app/common';
import { ApiProperty } from '@nestjs/swagger';

/** Totals of the shadow-table scan since the process started. */
export class ScanTotalsDto {
  @ApiProperty({ description: '扫描发现的办结记录' }) found!: number;
  @ApiProperty({ description: '经扫描取走的记录' }) taken!: number;
  @ApiProperty({ description: '推迟到下一轮的记录' }) deferred!: number;
  @ApiProperty({ description: '因并发取走而跳过的记录' }) busy!: number;
}

/** The SMS to applicants (docs/applicant-sms.md). */
export class ApplicantSmsHealthDto {
  @ApiProperty({ description: '已开启（APPLICANT_SMS_ENABLED）' }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'CMPP 网关地址' }) gateway!: string | null;
  @ApiProperty({ description: '与网关的 CMPP 会话已建立' }) connected!: boolean;
  @ApiProperty({ description: '待发送（含等待重试）' }) queued!: number;
  @ApiProperty({ description: '发送中' }) sending!: number;
  @ApiProperty({ description: '已提交、待状态报告' }) submitted!: number;
  @ApiProperty({ description: '状态未知（不自动重发）' }) unknown!: number;
  @ApiProperty({ description: '发送失败' }) failed!: number;
  @ApiProperty({ description: '已送达' }) delivered!: number;
}

/** GET /health of the platform: 503 when the platform DB or a department's front DB is down. */
export class PlatformHealthDto {
  @ApiProperty({ enum: ['up', 'degraded'] }) status!: 'up' | 'degraded';
  @ApiProperty(DB_STATE) platformDb!: string;
  @ApiProperty(DB_STATE_MAP) frontDbs!: Record<string, string>;
  @ApiProperty({ ...COUNT_BY_STATE, description: '分发出站队列各状态的行数' }) outbox!: Record<string, number>;
  @ApiProperty({ type: ScanTotalsDto }) scan!: ScanTotalsDto;
  @ApiProperty({ type: ApplicantSmsHealthDto, description: '申请人短信通知' }) applicantSms!: ApplicantSmsHealthDto;
}
