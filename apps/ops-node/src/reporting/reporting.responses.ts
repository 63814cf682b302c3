import { ReportCategory, ReportMode } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/* The response shapes of the reporting routes (数据上报), declared to Swagger for the generated clients. */

const CATEGORY = { enum: ReportCategory, enumName: 'ReportCategory' } as const;
const MODE = { enum: ReportMode, enumName: 'ReportMode' } as const;

class ReportTotalsDto {
  @ApiProperty({ description: '自启动以来送达的报文数' }) sent: number;
  @ApiProperty({ description: '自启动以来失败的发送尝试' }) failedAttempts: number;
  @ApiProperty({ description: '自启动以来被市级拒收的报文数' }) refused: number;
}

export class ReportCategoryStatusDto {
  @ApiProperty({ ...CATEGORY, description: '上报类别' }) category: ReportCategory;
  @ApiProperty({ example: '资源信息', description: '类别名称' }) label: string;
  @ApiProperty({ type: String, nullable: true, description: '增量上报计划（cron，未配置时为空）' }) schedule: string | null;
  @ApiProperty({ type: String, nullable: true, description: '全量上报计划（cron）' }) fullSchedule: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最近成功时间' }) lastSuccessAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '最近成功的报文编号' }) lastSuccessMessageId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最近错误时间' }) lastErrorAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '最近错误' }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true, description: '最近错误的返回码' }) lastErrorCode: string | null;
  @ApiProperty({ description: '连续失败次数' }) consecutiveFailures: number;
  @ApiProperty({ description: '待发送报文数' }) pending: number;
  @ApiProperty({ description: '已送达报文数' }) sent: number;
  @ApiProperty({ description: '被拒收报文数' }) refused: number;
  @ApiProperty({ description: '正常（无连续失败、无拒收）' }) healthy: boolean;
}

export class ReportingStatusDto {
  @ApiProperty({ enum: ['soap', 'http'], description: '上报方式' }) transport: 'soap' | 'http';
  @ApiProperty({ enum: ['SM2', 'SM2-SM4'], description: '报文加密方式' }) encryption: 'SM2' | 'SM2-SM4';
  @ApiProperty({ description: '市级地址' }) cityUrl: string;
  @ApiProperty({ type: ReportTotalsDto, description: '发送计数（自启动以来）' }) totals: ReportTotalsDto;
  @ApiProperty({ type: [ReportCategoryStatusDto], description: '各类数据的上报状态' }) categories: ReportCategoryStatusDto[];
}

export class ReportRunResultDto {
  @ApiProperty({ ...CATEGORY, description: '上报类别' }) category: ReportCategory;
  @ApiProperty({ ...MODE, description: '全量 / 增量' }) mode: ReportMode;
  @ApiProperty({ type: [String], description: '生成的报文编号' }) messages: string[];
  @ApiProperty({ description: '报文中的数据条数' }) items: number;
  @ApiPropertyOptional({ description: '未执行的原因（同类上报正在生成时）' }) skipped?: string;
}

export class ReportOutboxEntryDto {
  @ApiProperty({ example: '42', description: '发件箱编号（十进制字符串）' }) id: string;
  @ApiProperty({ description: '报文编号' }) messageId: string;
  @ApiProperty({ ...CATEGORY, description: '上报类别' }) category: ReportCategory;
  @ApiProperty({ ...MODE, description: '全量 / 增量' }) mode: ReportMode;
  @ApiProperty({ description: '数据条数' }) itemCount: number;
  @ApiProperty({ enum: ['PENDING', 'SENT', 'REFUSED'], description: '状态：待发送 / 已送达 / 被拒收' }) state: string;
  @ApiProperty({ description: '发送尝试次数' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', description: '下次尝试时间' }) nextAttemptAt: Date;
  @ApiProperty({ type: String, nullable: true, description: '最近错误' }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true, description: '最近返回码' }) lastCode: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: '生成时间' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '送达时间' }) sentAt: Date | null;
}
