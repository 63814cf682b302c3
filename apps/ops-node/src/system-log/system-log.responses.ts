import { ApiProperty } from '@nestjs/swagger';
import { LOG_CATEGORIES } from './system-log.repository';

/* One entry of the system log (系统日志) as the query answers it, declared to Swagger for the generated clients. */

export class SystemLogEntryDto {
  @ApiProperty({ description: '日志编号（翻页时作 beforeId）' }) id: number;
  @ApiProperty({ type: String, format: 'date-time', description: '记录时间' }) loggedAt: Date;
  @ApiProperty({ enum: ['INFO', 'WARN', 'ERROR'], description: '日志级别' }) level: string;
  @ApiProperty({ enum: LOG_CATEGORIES, description: '类别' }) category: string;
  @ApiProperty({ example: 'ALERT_FIRING', description: '事件' }) event: string;
  @ApiProperty({ type: String, nullable: true, description: '告警编号' }) alertId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '告警规则编号' }) ruleId: number | null;
  @ApiProperty({ type: String, nullable: true, description: '资源编号' }) resourceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '子资源编号' }) subResourceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '告警级别' }) severity: string | null;
  @ApiProperty({ type: String, nullable: true, description: '操作人' }) actor: string | null;
  @ApiProperty({ description: '日志内容' }) message: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '详细信息（结构随事件而定）' }) detail: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: String, nullable: true, description: '所属告警通知编号（十进制字符串）' }) noticeId: string | null;
}
